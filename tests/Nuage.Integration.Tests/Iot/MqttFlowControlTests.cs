using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// MQTT 5 flow control (§4.9; docs/iot.md "Flow control and topic aliases"): the broker never has more unacknowledged
/// QoS 1/2 PUBLISHes out to a client than the Receive Maximum of its CONNECT, and a client that sends more than the
/// broker's Receive Maximum (CONNACK) gets DISCONNECT 0x93.
/// </summary>
public sealed class MqttFlowControlTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Theory]
    [InlineData(MqttTransport.Tcp)]
    [InlineData(MqttTransport.WebSocket)]
    public async Task A_subscriber_gets_at_most_its_receive_maximum_unacknowledged_then_the_rest_after_acks(MqttTransport transport)
    {
        var a = await IotKeys.NewAccountAsync(fixture, "flow-out");
        var arrived = Channel.CreateUnbounded<Arrival>();
        using var slow = new MqttClientFactory().CreateMqttClient();
        slow.ApplicationMessageReceivedAsync += e =>
        {
            // Acknowledged by the test, one at a time, not by MQTTnet on return.
            // The payload is read now: MQTTnet may reuse its buffer once this handler returns.
            e.AutoAcknowledge = false;
            arrived.Writer.TryWrite(new Arrival(e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload), e));
            return Task.CompletedTask;
        };
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("slow-subscriber");
        builder = transport == MqttTransport.Tcp
            ? builder.WithTcpServer(fixture.MqttEndpoint.Host, fixture.MqttEndpoint.Port)
            : builder.WithWebSocketServer(ws => ws.WithUri(fixture.MqttWebSocketUri.ToString()));
        var options = builder
            .WithCredentials(a.AccessKeyId, a.Secret)
            .WithReceiveMaximum(2)
            .WithTimeout(MqttTestClient.Timeout)
            .Build();
        var connected = await slow.ConnectAsync(options).WaitAsync(MqttTestClient.Timeout);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        await slow.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("flow/data", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("flow/control", MqttQualityOfServiceLevel.AtMostOnce)
            .Build()).WaitAsync(MqttTestClient.Timeout);

        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        for (var i = 1; i <= 5; i++)
        {
            Assert.True((await publisher.PublishAsync("flow/data", $"m{i}")).IsSuccess);
        }

        // QoS 0 is outside the quota (§4.9) and was queued after the five: arriving right after m1 and m2 shows that
        // m3 to m5 were held back, not merely slow.
        await publisher.PublishAsync("flow/control", "control", MqttQualityOfServiceLevel.AtMostOnce);
        var m1 = await NextAsync(arrived);
        var m2 = await NextAsync(arrived);
        Assert.Equal(("flow/data", "m1"), Describe(m1));
        Assert.Equal(("flow/data", "m2"), Describe(m2));
        Assert.Equal(("flow/control", "control"), Describe(await NextAsync(arrived)));

        // Each PUBACK lets exactly one more through, in order.
        var unacknowledged = new Queue<Arrival>([m1, m2]);
        for (var i = 3; i <= 5; i++)
        {
            await unacknowledged.Dequeue().Event.AcknowledgeAsync(CancellationToken.None);
            var next = await NextAsync(arrived);
            Assert.Equal(("flow/data", $"m{i}"), Describe(next));
            unacknowledged.Enqueue(next);
        }

        while (unacknowledged.TryDequeue(out var last))
        {
            await last.Event.AcknowledgeAsync(CancellationToken.None);
        }

        await publisher.PublishAsync("flow/control", "end", MqttQualityOfServiceLevel.AtMostOnce);
        Assert.Equal(("flow/control", "end"), Describe(await NextAsync(arrived)));
        await slow.DisconnectAsync();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_subscriber_gets_at_most_the_brokers_inflight_limit_unacknowledged_whatever_its_receive_maximum(MqttProtocolVersion version)
    {
        // MQTTnet's client announces no Receive Maximum (65,535 under MQTT 5; 3.1.1 has none): the broker's own limit,
        // --mqtt-max-inflight (20 by default), holds the rest back.
        var a = await IotKeys.NewAccountAsync(fixture, "flow-inflight");
        var slow = await ManualAckMqttClient.ConnectAsync(fixture.Server, a, "inflight-" + version, version, sessionExpirySeconds: 0);
        await slow.SubscribeAsync("inflight/data", MqttQualityOfServiceLevel.AtLeastOnce);
        await slow.SubscribeAsync("inflight/control", MqttQualityOfServiceLevel.AtMostOnce);
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        for (var i = 1; i <= 25; i++)
        {
            Assert.True((await publisher.PublishAsync("inflight/data", $"m{i}")).IsSuccess);
        }

        // QoS 0 passes the held ones: arriving right after m20 shows m21 to m25 held back, not merely slow.
        await publisher.PublishAsync("inflight/control", "control", MqttQualityOfServiceLevel.AtMostOnce);
        var unacknowledged = new Queue<HeldPublish>();
        for (var i = 1; i <= 20; i++)
        {
            var next = await slow.NextAsync();
            Assert.Equal($"m{i}", next.Payload);
            unacknowledged.Enqueue(next);
        }

        Assert.Equal("control", (await slow.NextAsync()).Payload);

        // Each PUBACK lets exactly one more through, in order.
        for (var i = 21; i <= 25; i++)
        {
            await ManualAckMqttClient.AcknowledgeAsync(unacknowledged.Dequeue());
            var next = await slow.NextAsync();
            Assert.Equal($"m{i}", next.Payload);
            unacknowledged.Enqueue(next);
        }

        slow.Abort();
    }

    [Fact]
    public async Task Connack_announces_the_brokers_receive_maximum_and_topic_alias_maximum()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "flow-connack");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, a);
        Assert.Equal<ushort?>(100, client.ConnectResult.ReceiveMaximum);
        Assert.Equal<ushort>(16, client.ConnectResult.TopicAliasMaximum);
    }

    [Fact]
    public async Task A_client_past_the_brokers_receive_maximum_gets_disconnect_0x93()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "flow-in");
        await using var raw = await RawMqttConnection.OpenAsync(fixture);
        await raw.SendConnectAsync(a, clientId: "eager");
        Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);

        // 100 QoS 2 PUBLISHes without PUBREL: each stays unacknowledged until its PUBCOMP (§4.9), which never comes.
        for (ushort id = 1; id <= 100; id++)
        {
            await raw.SendPublishV5Async("flow/in", $"p{id}", qos: 2, packetId: id);
        }

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(0x50, (await raw.ReceiveAsync())!.Value.Header); // PUBREC
        }

        // Completing one gives one place back: the 101st PUBLISH is taken, the 102nd is one too many.
        await raw.SendPubRelAsync(1);
        Assert.Equal(0x70, (await raw.ReceiveAsync())!.Value.Header); // PUBCOMP
        await raw.SendPublishV5Async("flow/in", "p101", qos: 2, packetId: 101);
        Assert.Equal(0x50, (await raw.ReceiveAsync())!.Value.Header);
        await raw.SendPublishV5Async("flow/in", "p102", qos: 2, packetId: 102);
        var disconnect = await raw.ReceiveAsync();
        Assert.Equal(0xE0, disconnect!.Value.Header);
        Assert.Equal(0x93, disconnect.Value.Body[0]); // Receive Maximum exceeded
        Assert.Null(await raw.ReceiveAsync());

        // Only that connection ended.
        await using var other = await MqttTestClient.ConnectOkAsync(fixture, a);
        Assert.True((await other.PublishAsync("flow/in", "still served")).IsSuccess);
    }

    [Fact]
    public async Task A_refused_client_that_goes_on_writing_still_reads_the_disconnect_and_its_reason()
    {
        // eclipse/paho.mqtt.testing's test_flow_control2: the client sends one PUBLISH past the Receive Maximum, then
        // writes PUBRELs before it reads as far as the DISCONNECT. Had the broker closed the
        // connection at once, those writes would meet a closed socket, the client's next read a reset, and the
        // DISCONNECT and its reason code would be lost.
        var a = await IotKeys.NewAccountAsync(fixture, "flow-linger");
        await using var raw = await RawMqttConnection.OpenAsync(fixture);
        await raw.SendConnectAsync(a, clientId: "eager-writer");
        Assert.Equal(0x20, (await raw.ReceiveAsync())!.Value.Header);
        for (ushort id = 1; id <= 101; id++)
        {
            await raw.SendPublishV5Async("flow/linger", $"p{id}", qos: 2, packetId: id);
        }

        // The 101st PUBLISH is refused; give the broker time to have done so, then write on as such a client does.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        for (ushort id = 1; id <= 100; id++)
        {
            await raw.SendPubRelAsync(id);
        }

        var packet = await raw.ReceiveAsync();
        while (packet is { Header: 0x50 })
        {
            packet = await raw.ReceiveAsync(); // PUBRECs that left before the DISCONNECT
        }

        Assert.NotNull(packet);
        Assert.Equal(0xE0, packet.Value.Header);
        Assert.Equal(0x93, packet.Value.Body[0]); // Receive Maximum exceeded
    }

    private static async Task<Arrival> NextAsync(Channel<Arrival> arrived)
    {
        using var timeout = new CancellationTokenSource(MqttTestClient.Timeout);
        return await arrived.Reader.ReadAsync(timeout.Token);
    }

    private static (string Topic, string Payload) Describe(Arrival arrival) => (arrival.Topic, arrival.Payload);

    /// <summary>A message as it arrived, with the event that acknowledges it.</summary>
    private sealed record Arrival(string Topic, string Payload, MqttApplicationMessageReceivedEventArgs Event);
}
