using Nuage.Iot.Topics;

namespace Nuage.Iot.Tests.Topics;

public sealed class NamespaceTests
{
    [Fact]
    public void A_topic_goes_under_its_account_and_comes_back_unchanged()
    {
        var broker = TopicNamespace.ToBroker("123456789012", "a//b/");
        Assert.Equal("$nuage/123456789012/a//b/", broker);
        Assert.True(TopicNamespace.TryFromBroker(broker, out var account, out var topic));
        Assert.Equal(("123456789012", "a//b/"), (account, topic));
        Assert.True(TopicNamespace.BelongsTo(broker, "123456789012"));
        Assert.False(TopicNamespace.BelongsTo(broker, "210987654321"));
    }

    [Theory]
    [InlineData("plain/topic")]
    [InlineData("$nuage/")]
    [InlineData("$nuage//x")]
    [InlineData("$nuage/123456789012")]
    [InlineData("$nuage/123456789012/")]
    public void Anything_outside_an_account_prefix_belongs_to_no_account(string brokerTopic) =>
        Assert.False(TopicNamespace.TryFromBroker(brokerTopic, out _, out _));

    [Fact]
    public void Client_ids_are_scoped_by_account_and_may_hold_colons()
    {
        var broker = ClientIdNamespace.ToBroker("123456789012", "gw:1");
        Assert.True(ClientIdNamespace.TryFromBroker(broker, out var account, out var clientId));
        Assert.Equal(("123456789012", "gw:1"), (account, clientId));
        Assert.NotEqual(broker, ClientIdNamespace.ToBroker("210987654321", "gw:1"));
    }

    [Fact]
    public void Client_ids_are_1_to_128_bytes_of_well_formed_UTF8()
    {
        Assert.True(ClientIdNamespace.IsAcceptable(new string('c', 128)));
        Assert.False(ClientIdNamespace.IsAcceptable(new string('c', 129)));
        Assert.False(ClientIdNamespace.IsAcceptable(""));
        Assert.False(ClientIdNamespace.IsAcceptable("bad\uFFFD"));
    }
}
