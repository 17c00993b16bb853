using Nuage.Iot.Topics;
using Xunit;

namespace Nuage.Iot.Tests.Topics;

public sealed class SharedFilterTests
{
    [Theory]
    [InlineData("$share/workers/jobs/#", "workers", "jobs/#")]
    [InlineData("$share/g/+", "g", "+")]
    [InlineData("$share/g/$aws/things/t/shadow/update/accepted", "g", "$aws/things/t/shadow/update/accepted")]
    public void A_share_name_and_its_filter(string text, string shareName, string filter)
    {
        Assert.True(SharedFilter.TryParse(text, out var shared));
        Assert.Equal(new SharedFilter(shareName, filter), shared);
        Assert.Equal(text, shared.ToString());
    }

    [Theory]
    [InlineData("jobs/#")]
    [InlineData("$share")]
    [InlineData("$share/")]
    [InlineData("$share//jobs")]
    [InlineData("$share/workers")]
    [InlineData("$share/workers/")]
    [InlineData("$share/wor+kers/jobs")]
    [InlineData("$share/#/jobs")]
    [InlineData("$SHARE/workers/jobs")]
    public void Not_a_shared_filter(string text) => Assert.False(SharedFilter.TryParse(text, out _));
}
