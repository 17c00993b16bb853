using MQTTnet;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Bad input closes only the connection that sent it, with MQTT's reason code, and everyone else keeps being served;
/// topics over AWS IoT Core's limits are answered with Topic Name / Topic Filter invalid (docs/iot.md "Limits").
/// </summary>
public sealed class MqttBadInputTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Theory]
    [InlineData(5, MqttTransport.Tcp)]
    [InlineData(4, MqttTransport.Tcp)]
    [InlineData(5, MqttTransport.WebSocket)]
    [InlineData(4, MqttTransport.WebSocket)]
    public async Task A_packet_declaring_more_than_the_maximum_size_is_refused_before_its_body_is_sent(byte level, MqttTransport transport)
    {
        var root = await IotKeys.NewAccountAsync(fixture, "huge-packet");
        await using var bystander = await MqttTestClient.ConnectOkAsync(fixture, root);
        await bystander.SubscribeOkAsync("huge/#");
        await using var raw = await RawMqttConnection.OpenAsync(fixture, transport);
        await raw.SendConnectAsync(root, level: level);
        Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);

        // In one write: a QoS 1 PUBLISH within the limit, then the start of a PUBLISH whose fixed header declares
        // 200 MB (MQTT 5 §1.5.5). The rest of it is never sent: the server must answer from the header alone.
        var topic = "huge/ok"u8.ToArray();
        byte[] properties = level == 5 ? [0x00] : [];
        var body = new List<byte> { 0x00, (byte)topic.Length };
        body.AddRange(topic);
        body.AddRange(new byte[] { 0x00, 0x01 }); // packet identifier 1
        body.AddRange(properties);
        body.AddRange("fits"u8.ToArray());
        var bytes = new List<byte> { 0x32, (byte)body.Count };
        bytes.AddRange(body);
        bytes.Add(0x30);
        bytes.AddRange(VariableByteInteger(200_000_000));
        bytes.AddRange(new byte[] { 0x00, 0x08 });
        bytes.AddRange("huge/too"u8.ToArray());
        bytes.AddRange(new byte[4096]);
        await raw.SendBytesAsync([.. bytes]);

        // The PUBLISH before it is served (PUBACK for identifier 1); then MQTT 5 gets DISCONNECT 0x95 Packet too large
        // (§3.2.2.3.6), and the connection closes.
        var puback = await raw.ReceiveAsync();
        Assert.Equal(0x40, puback!.Value.Header);
        Assert.Equal(new byte[] { 0x00, 0x01 }, puback.Value.Body[..2]);
        if (level == 5)
        {
            var disconnect = await raw.ReceiveAsync();
            Assert.Equal(0xE0, disconnect!.Value.Header);
            Assert.Equal(0x95, disconnect.Value.Body[0]);
        }

        Assert.Null(await raw.ReceiveAsync());
        Assert.Equal(new ReceivedMessage("huge/ok", "fits", false, 1), await bystander.NextAsync());
        await bystander.AssertNothingElseArrivesAsync();
    }

    private static byte[] VariableByteInteger(int value)
    {
        var encoded = new List<byte>();
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            encoded.Add(value > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (value > 0);
        return [.. encoded];
    }

    [Fact]
    public async Task An_invalid_UTF8_topic_gets_DISCONNECT_malformed_packet_and_others_keep_working()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "bad-utf8");
        await using var bystander = await MqttTestClient.ConnectOkAsync(fixture, root);
        await bystander.SubscribeOkAsync("#");

        await using var raw = await RawMqttConnection.OpenAsync(fixture);
        await raw.SendConnectAsync(root);
        var connack = await raw.ReceiveAsync();
        Assert.Equal(0x20, connack!.Value.Header);
        Assert.Equal(0x00, connack.Value.Body[1]); // reason code Success

        // 0xC3 0x28 is not UTF-8 (a lead byte followed by no continuation byte): MQTT 5 §1.5.4 [MQTT-1.5.4-1].
        await raw.SendPublishAsync([(byte)'a', (byte)'/', 0xC3, 0x28], "bad");
        var disconnect = await raw.ReceiveAsync();
        Assert.Equal(0xE0, disconnect!.Value.Header);
        Assert.Equal(0x81, disconnect.Value.Body[0]); // Malformed Packet
        Assert.Null(await raw.ReceiveAsync());

        await bystander.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task An_invalid_UTF8_topic_closes_an_MQTT_311_connection()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "bad-utf8-311");
        await using var raw = await RawMqttConnection.OpenAsync(fixture);
        await raw.SendConnectAsync(root, level: 4);
        Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);
        await raw.SendPublishAsync([(byte)'x', 0xFF], "bad", level: 4);
        Assert.Null(await raw.ReceiveAsync());
    }

    [Fact]
    public async Task A_malformed_packet_closes_that_connection_only()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "bad-packet");
        await using var bystander = await MqttTestClient.ConnectOkAsync(fixture, root);
        await bystander.SubscribeOkAsync("still/#");

        await using (var raw = await RawMqttConnection.OpenAsync(fixture))
        {
            await raw.SendConnectAsync(root);
            Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);
            // A SUBSCRIBE whose topic filter length (0x0100) runs past the end of the packet.
            await raw.SendBytesAsync([0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x61]);
            // Closed; a DISCONNECT before the close, if the transport could still send one, says Malformed Packet.
            if (await raw.ReceiveAsync() is { } disconnect)
            {
                Assert.Equal(0xE0, disconnect.Header);
                Assert.Equal(0x81, disconnect.Body[0]);
                Assert.Null(await raw.ReceiveAsync());
            }
        }

        await using (var notConnect = await RawMqttConnection.OpenAsync(fixture))
        {
            // MQTT 5 §3.1: the first packet must be CONNECT; a PINGREQ instead closes the connection.
            await notConnect.SendBytesAsync([0xC0, 0x00]);
            Assert.Null(await notConnect.ReceiveAsync());
        }

        Assert.True((await bystander.PublishAsync("still/alive", "yes")).IsSuccess);
        Assert.Equal("yes", (await bystander.NextAsync()).Payload);
    }

    [Fact]
    public async Task Topics_over_the_length_and_depth_limits_are_invalid()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "bad-limits");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, root);
        var deepest = "1/2/3/4/5/6/7/8";
        var tooDeep = deepest + "/9";
        var longest = new string('t', 256);

        await client.SubscribeOkAsync(deepest);
        Assert.True((await client.PublishAsync(deepest, "ok")).IsSuccess);
        Assert.Equal(deepest, (await client.NextAsync()).Topic);
        Assert.True((await client.PublishAsync(longest, "ok")).IsSuccess);

        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, (await client.PublishAsync(tooDeep, "no")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, (await client.PublishAsync(longest + "t", "no")).ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.TopicFilterInvalid, await client.SubscribeAsync(tooDeep));
        Assert.Equal(MqttClientSubscribeResultCode.TopicFilterInvalid, await client.SubscribeAsync("1/+/2/+/3/+/4/+/#"));
        Assert.Equal(MqttClientSubscribeResultCode.TopicFilterInvalid, await client.SubscribeAsync(longest + "/#"));
        Assert.Equal(MqttClientUnsubscribeResultCode.TopicFilterInvalid, await client.UnsubscribeAsync(tooDeep));
        Assert.Equal(MqttClientUnsubscribeResultCode.TopicFilterInvalid, await client.UnsubscribeAsync("$nuage/" + root.AccountId + "/#"));

        // Unsubscribing the valid filter ends its deliveries.
        Assert.Equal(MqttClientUnsubscribeResultCode.Success, await client.UnsubscribeAsync(deepest));
        Assert.True((await client.PublishAsync(deepest, "after")).IsSuccess);
        await client.AssertNothingElseArrivesAsync();
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_client_id_over_128_bytes_is_rejected()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "bad-client-id");
        await using var client = await MqttTestClient.ConnectAsync(fixture, root, clientId: new string('c', 129));
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, client.ConnectResult.ResultCode);
        await using var longest = await MqttTestClient.ConnectAsync(fixture, root, clientId: new string('c', 128));
        Assert.Equal(MqttClientConnectResultCode.Success, longest.ConnectResult.ResultCode);
    }
}
