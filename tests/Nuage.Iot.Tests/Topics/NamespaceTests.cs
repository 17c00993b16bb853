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

    [Fact]
    public void AWS_reserved_topics_go_under_a_root_of_their_own_that_the_accounts_hash_cannot_reach()
    {
        var broker = TopicNamespace.ToBroker("123456789012", "$aws/things/lamp/shadow/update");
        Assert.Equal("$nuage-aws/123456789012/things/lamp/shadow/update", broker);
        Assert.True(TopicNamespace.TryFromBroker(broker, out var account, out var topic));
        Assert.Equal(("123456789012", "$aws/things/lamp/shadow/update"), (account, topic));
        Assert.Equal("$nuage-aws/123456789012/things/+/shadow/#", TopicNamespace.ToBroker("123456789012", "$aws/things/+/shadow/#"));

        // The account's '#' is "$nuage/123456789012/#": its first level is not the shadow root's.
        Assert.False(TopicNamespace.ToBroker("123456789012", "#").StartsWith("$nuage-aws/", StringComparison.Ordinal));
        Assert.False(TopicNamespace.BelongsTo(broker, "210987654321"));
    }

    [Theory]
    [InlineData("$nuage-aws/123456789012")]
    [InlineData("$nuage-aws//x")]
    [InlineData("plain/topic")]
    [InlineData("$nuage/")]
    [InlineData("$nuage//x")]
    [InlineData("$nuage/123456789012")]
    [InlineData("$nuage/123456789012/")]
    public void Anything_outside_an_account_prefix_belongs_to_no_account(string brokerTopic) =>
        Assert.False(TopicNamespace.TryFromBroker(brokerTopic, out _, out _));

    [Theory]
    [InlineData("$nuage/123456789012/a//b/", "123456789012", "a//b/")]
    [InlineData("$nuage-aws/123456789012/things/t/shadow/get", "123456789012", "$aws/things/t/shadow/get")]
    [InlineData("$nuage/123456789012/x", "210987654321", null)]
    [InlineData("$nuage/1234567890123/x", "123456789012", null)]
    [InlineData("$nuage/12345678901/x", "123456789012", null)]
    [InlineData("$nuage/123456789012/", "123456789012", null)]
    [InlineData("$nuage/123456789012", "123456789012", null)]
    [InlineData("plain/123456789012/x", "123456789012", null)]
    [InlineData("$nuage/a/b/c", "a/b", null)]
    [InlineData("$nuage//x", "", null)]
    public void A_topic_is_read_back_only_in_its_own_accounts_namespace(string brokerTopic, string accountId, string? expected)
    {
        // The same answers as TryFromBroker followed by a comparison of accounts.
        var fromBroker = TopicNamespace.TryFromBroker(brokerTopic, out var owner, out var clientTopic) && owner == accountId ? clientTopic : null;
        Assert.Equal(expected, fromBroker);
        Assert.Equal(expected is not null, TopicNamespace.TryClientTopicIn(brokerTopic, accountId, out var topic));
        Assert.Equal(expected ?? string.Empty, topic);
        Assert.Equal(expected is not null, TopicNamespace.BelongsTo(brokerTopic, accountId));
    }

    [Theory]
    [InlineData("123456789012:gw:1", "123456789012")]
    [InlineData(":gw", "")]
    [InlineData("123456789012:", "")]
    [InlineData("no-colon", "")]
    public void A_broker_client_ids_account_is_read_in_place(string brokerClientId, string expected) =>
        Assert.Equal(expected, ClientIdNamespace.AccountOf(brokerClientId).ToString());

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
