using Xunit;

namespace Nuage.Signing.Tests;

public sealed class HttpDatesTests
{
    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sun Nov  6 08:49:37 1994")]
    public void The_three_http_date_forms_parse(string text)
    {
        Assert.Equal(new DateTimeOffset(1994, 11, 6, 8, 49, 37, TimeSpan.Zero), HttpDates.Parse(text));
    }

    [Fact]
    public void A_wrong_day_name_does_not_hide_the_date()
    {
        // 7 July 2010 was a Wednesday.
        Assert.Equal(new DateTimeOffset(2010, 7, 7, 0, 0, 0, TimeSpan.Zero), HttpDates.Parse("Tue, 07 Jul 2010 00:00:00 GMT"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Unparseable_dates_are_null(string? text)
    {
        Assert.Null(HttpDates.Parse(text));
    }
}
