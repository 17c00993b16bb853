using Nuage.S3.Http;
using Xunit;

namespace Nuage.S3.Tests.Http;

public sealed class RangeHeaderTests
{
    [Theory]
    [InlineData("bytes=0-99", 1000, 0, 100)]
    [InlineData("bytes=100-", 1000, 100, 900)]
    [InlineData("bytes=-100", 1000, 900, 100)]
    [InlineData("bytes=-5000", 1000, 0, 1000)]
    [InlineData("bytes=990-5000", 1000, 990, 10)]
    [InlineData("bytes=999-999", 1000, 999, 1)]
    public void Satisfiable_range_resolves_to_offset_and_length(string header, long size, long offset, long length)
    {
        Assert.Equal(RangeHeader.Outcome.Partial, RangeHeader.TryResolve(header, size, out var range));
        Assert.Equal(offset, range.Offset);
        Assert.Equal(length, range.Length);
    }

    [Theory]
    [InlineData("bytes=1000-", 1000)]
    [InlineData("bytes=2000-3000", 1000)]
    [InlineData("bytes=-0", 1000)]
    [InlineData("bytes=0-", 0)]
    public void Range_outside_the_object_is_unsatisfiable(string header, long size)
    {
        Assert.Equal(RangeHeader.Outcome.Unsatisfiable, RangeHeader.TryResolve(header, size, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-1")]
    [InlineData("bytes=5-1")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=0-1,5-9")]
    public void Unusable_header_means_the_whole_object(string? header)
    {
        Assert.Equal(RangeHeader.Outcome.WholeObject, RangeHeader.TryResolve(header, 1000, out _));
    }
}
