using Nuage.Iot.Shadows;

namespace Nuage.Iot.Tests.Shadows;

public sealed class ShadowTopicTests
{
    [Theory]
    [InlineData("$aws/things/lamp/shadow/update", "lamp", "", ShadowOperation.Update)]
    [InlineData("$aws/things/lamp/shadow/get", "lamp", "", ShadowOperation.Get)]
    [InlineData("$aws/things/lamp/shadow/name/cfg/delete", "lamp", "cfg", ShadowOperation.Delete)]
    public void Request_topics_name_their_shadow_and_operation(string topic, string thing, string shadow, ShadowOperation operation)
    {
        Assert.True(ShadowTopic.TryParseRequest("111111111111", topic, out var address, out var parsed));
        Assert.Equal(new ShadowAddress("111111111111", thing, shadow), address);
        Assert.Equal(operation, parsed);
        Assert.Equal(topic, ShadowTopic.Response(address, parsed.ToString().ToLowerInvariant()));
    }

    [Theory]
    [InlineData("$aws/things/lamp/shadow/update/accepted")]
    [InlineData("$aws/things/lamp/shadow/name/cfg/update/delta")]
    [InlineData("$aws/things/lamp/shadow/name/update")]
    public void Response_topics_and_incomplete_ones_are_not_requests(string topic) =>
        Assert.False(ShadowTopic.TryParseRequest("111111111111", topic, out _, out _));

    [Fact]
    public void Names_follow_AWS_patterns()
    {
        Assert.True(ShadowNames.IsValidThingName(new string('a', 128)));
        Assert.False(ShadowNames.IsValidThingName(new string('a', 129)));
        Assert.True(ShadowNames.IsValidShadowName("a:b_c-D9"));
        Assert.False(ShadowNames.IsValidShadowName(new string('a', 65)));
        Assert.False(ShadowNames.IsValidShadowName("a+b"));
    }
}
