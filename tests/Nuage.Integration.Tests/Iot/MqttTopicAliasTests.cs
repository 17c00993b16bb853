using MQTTnet;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Topic aliases from MQTT 5 clients (§3.3.2.3.4, §3.3.4; docs/iot.md "Flow control and topic aliases"): an alias
/// set with a topic stands for it in later PUBLISHes of the same connection; an alias above the Topic Alias Maximum
/// is DISCONNECT 0x94, an unknown one with an empty topic 0x82; an alias reaches nothing its client could not name.
/// </summary>
public sealed class MqttTopicAliasTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task An_alias_stands_for_its_topic_and_can_be_set_again()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "alias-trip");
        await using var subscriber = await MqttTestClient.ConnectOkAsync(fixture, a);
        await subscriber.SubscribeOkAsync("alias/#");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);

        Assert.True((await publisher.PublishMessageAsync(Aliased("alias/one", 1, "first"))).IsSuccess);
        Assert.True((await publisher.PublishMessageAsync(Aliased("", 1, "second"))).IsSuccess);
        Assert.True((await publisher.PublishMessageAsync(Aliased("alias/two", 1, "third"))).IsSuccess);
        Assert.True((await publisher.PublishMessageAsync(Aliased("", 1, "fourth"))).IsSuccess);

        Assert.Equal(new ReceivedMessage("alias/one", "first", false, 1), await subscriber.NextAsync());
        Assert.Equal(new ReceivedMessage("alias/one", "second", false, 1), await subscriber.NextAsync());
        Assert.Equal(new ReceivedMessage("alias/two", "third", false, 1), await subscriber.NextAsync());
        Assert.Equal(new ReceivedMessage("alias/two", "fourth", false, 1), await subscriber.NextAsync());
        await subscriber.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task An_alias_above_the_maximum_is_disconnect_0x94_and_an_unknown_one_0x82()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "alias-bad");
        await using (var raw = await RawMqttConnection.OpenAsync(fixture))
        {
            await raw.SendConnectAsync(a, clientId: "alias-above");
            Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);
            await raw.SendPublishV5Async("alias/x", "too high", qos: 1, packetId: 1, topicAlias: 17);
            var disconnect = await raw.ReceiveAsync();
            Assert.Equal(0xE0, disconnect!.Value.Header);
            Assert.Equal(0x94, disconnect.Value.Body[0]); // Topic Alias invalid
            Assert.Null(await raw.ReceiveAsync());
        }

        await using (var raw = await RawMqttConnection.OpenAsync(fixture))
        {
            await raw.SendConnectAsync(a, clientId: "alias-unknown");
            Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);
            // 16 is the maximum, so the alias itself is valid, but this connection never set it.
            await raw.SendPublishV5Async("", "who?", qos: 1, packetId: 1, topicAlias: 16);
            var disconnect = await raw.ReceiveAsync();
            Assert.Equal(0xE0, disconnect!.Value.Header);
            Assert.Equal(0x82, disconnect.Value.Body[0]); // Protocol Error
            Assert.Null(await raw.ReceiveAsync());
        }
    }

    [Theory]
    [InlineData(MqttTransport.Tcp)]
    [InlineData(MqttTransport.WebSocket)]
    public async Task A_topic_alias_of_0_is_disconnect_0x94_and_other_properties_sent_as_0_are_not(MqttTransport transport)
    {
        var a = await IotKeys.NewAccountAsync(fixture, "alias-zero");
        await using var raw = await RawMqttConnection.OpenAsync(fixture, transport);
        await raw.SendConnectAsync(a, clientId: "alias-zero");
        Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);

        // Message Expiry Interval 0 (0x02) and Payload Format Indicator 0 (0x01), both allowed: each is acknowledged.
        await raw.SendPublishV5WithPropertiesAsync("alias/zero", "expiry 0", qos: 1, packetId: 1, [0x02, 0x00, 0x00, 0x00, 0x00]);
        Assert.Equal(0x40, (await raw.ReceiveAsync())!.Value.Header); // PUBACK
        await raw.SendPublishV5WithPropertiesAsync("alias/zero", "format 0", qos: 1, packetId: 2, [0x01, 0x00]);
        Assert.Equal(0x40, (await raw.ReceiveAsync())!.Value.Header);

        // §3.3.2.3.4: "A Topic Alias of 0 is not permitted."
        await raw.SendPublishV5WithPropertiesAsync("alias/zero", "alias 0", qos: 1, packetId: 3, [0x23, 0x00, 0x00]);
        var disconnect = await raw.ReceiveAsync();
        Assert.Equal(0xE0, disconnect!.Value.Header);
        Assert.Equal(0x94, disconnect.Value.Body[0]); // Topic Alias invalid
        Assert.Null(await raw.ReceiveAsync());
    }

    [Fact]
    public async Task The_broker_sends_aliases_to_a_client_that_allows_them_up_to_its_maximum()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "alias-out");
        await using var raw = await RawMqttConnection.OpenAsync(fixture);
        await raw.SendConnectV5WithPropertiesAsync(a, "alias-receiver", [0x22, 0x00, 0x01]); // Topic Alias Maximum 1
        Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);
        await raw.SendSubscribeV5Async(1, "out/#", 1);
        Assert.Equal(0x90, (await raw.ReceiveAsync())!.Value.Header);

        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        foreach (var (topic, payload) in new[] { ("out/long/topic", "1"), ("out/long/topic", "2"), ("out/other", "3"), ("out/long/topic", "4") })
        {
            Assert.True((await publisher.PublishAsync(topic, payload, MqttQualityOfServiceLevel.AtMostOnce)).IsSuccess);
        }

        // §3.3.2.3.4: the first PUBLISH sets alias 1 with its topic, later ones send the alias alone; a second topic finds
        // the client's one alias taken and goes with its topic.
        Assert.Equal(("out/long/topic", 1, "1"), await AliasedAsync(raw));
        Assert.Equal(("", 1, "2"), await AliasedAsync(raw));
        Assert.Equal(("out/other", 0, "3"), await AliasedAsync(raw));
        Assert.Equal(("", 1, "4"), await AliasedAsync(raw));
    }

    /// <summary>The next PUBLISH's topic, Topic Alias (0: none) and payload, read from its MQTT 5 bytes (§3.3.2).</summary>
    private static async Task<(string Topic, int Alias, string Payload)> AliasedAsync(RawMqttConnection raw)
    {
        var packet = await raw.ReceiveAsync();
        Assert.Equal(0x30, packet!.Value.Header & 0xF0);
        var body = packet.Value.Body;
        var topicLength = (body[0] << 8) | body[1];
        var topic = System.Text.Encoding.UTF8.GetString(body, 2, topicLength);
        var at = 2 + topicLength + (((packet.Value.Header >> 1) & 3) > 0 ? 2 : 0);
        var end = at + 1 + body[at]; // property lists here are under 128 bytes
        var alias = 0;
        for (var p = at + 1; p < end;)
        {
            var id = body[p++];
            if (id == 0x23)
            {
                alias = (body[p] << 8) | body[p + 1];
            }

            p += id switch
            {
                0x23 => 2,
                0x01 => 1,
                0x02 => 4,
                _ => throw new InvalidOperationException($"PUBLISH property 0x{id:X2} not expected"),
            };
        }

        var payload = System.Text.Encoding.UTF8.GetString(RawMqttConnection.PayloadOfV5Publish(packet.Value.Header, body));
        return (topic, alias, payload);
    }

    [Fact]
    public async Task An_alias_never_reaches_beyond_its_clients_account()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "alias-iso-a");
        var b = await IotKeys.NewAccountAsync(fixture, "alias-iso-b");
        await using var watcherB = await MqttTestClient.ConnectOkAsync(fixture, b);
        await watcherB.SubscribeOkAsync("#");
        await using var watcherA = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcherA.SubscribeOkAsync("#");

        // B's connection sets alias 2; aliases belong to one connection, so A's alias 2 means nothing.
        await using var publisherB = await MqttTestClient.ConnectOkAsync(fixture, b);
        Assert.True((await publisherB.PublishMessageAsync(Aliased("plant/b", 2, "from b"))).IsSuccess);
        Assert.Equal(new ReceivedMessage("plant/b", "from b", false, 1), await watcherB.NextAsync());
        await using (var raw = await RawMqttConnection.OpenAsync(fixture))
        {
            await raw.SendConnectAsync(a, clientId: "alias-borrower");
            Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);
            await raw.SendPublishV5Async("", "borrowed", qos: 1, packetId: 1, topicAlias: 2);
            var disconnect = await raw.ReceiveAsync();
            Assert.Equal(0xE0, disconnect!.Value.Header);
            Assert.Equal(0x82, disconnect.Value.Body[0]);
        }

        // An alias for the broker's own form of B's topic is refused like that topic itself, every time it is used.
        await using var publisherA = await MqttTestClient.ConnectOkAsync(fixture, a);
        var direct = await publisherA.PublishMessageAsync(Aliased($"$nuage/{b.AccountId}/plant/b", 3, "escape"));
        Assert.False(direct.IsSuccess);
        var throughAlias = await publisherA.PublishMessageAsync(Aliased("", 3, "escape again"));
        Assert.False(throughAlias.IsSuccess);
        Assert.Equal(direct.ReasonCode, throughAlias.ReasonCode);

        await watcherB.AssertNothingElseArrivesAsync();
        await watcherA.AssertNothingElseArrivesAsync();
    }

    private static MqttApplicationMessage Aliased(string topic, ushort alias, string payload) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithTopicAlias(alias)
        .WithPayload(payload)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();
}
