using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// The broker's limits (docs/iot.md "Limits") answer with MQTT's reason codes and cost only the offending client:
/// a packet over the maximum size (DISCONNECT 0x95), CONNECTs too fast per client id and per source address
/// (CONNACK 0x9F), and the topic quotas; each time another client keeps being served.
/// </summary>
public sealed class MqttLimitsTests
{
    private static readonly IotKeys Operator = new(NuageProcess.AccessKey, NuageProcess.SecretKey, "000000000000");

    [Fact]
    public async Task A_packet_over_the_maximum_size_is_disconnected_with_0x95_and_others_keep_being_served()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"), extraArguments: ["--mqtt-max-packet-size", "65536"]);
        await using var bystander = await MqttTestClient.ConnectAsync(server, Operator);
        await bystander.SubscribeOkAsync("big/#");

        var client = new MqttClientFactory().CreateMqttClient();
        var disconnected = Channel.CreateUnbounded<MqttClientDisconnectReason>();
        client.DisconnectedAsync += e => { disconnected.Writer.TryWrite(e.Reason); return Task.CompletedTask; };
        var options = new MqttClientOptionsBuilder().WithTcpServer(server.MqttEndpoint.Host, server.MqttEndpoint.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCredentials(Operator.AccessKeyId, Operator.Secret).WithClientId("big-sender").Build();
        var connected = await client.ConnectAsync(options).WaitAsync(MqttTestClient.Timeout);
        // MQTT 5 §3.2.2.3.6: the limit is announced in CONNACK.
        Assert.Equal(65536u, connected.MaximumPacketSize);

        // Within the limit: delivered.
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("big/ok").WithPayload(new byte[60_000])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).WaitAsync(MqttTestClient.Timeout);
        Assert.Equal("big/ok", (await bystander.NextAsync()).Topic);

        // Over it: the connection is closed with 0x95 Packet too large (§4.13.2), and the message goes nowhere.
        _ = client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("big/too").WithPayload(new byte[70_000])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        using var timeout = new CancellationTokenSource(MqttTestClient.Timeout);
        Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, await disconnected.Reader.ReadAsync(timeout.Token));
        client.Dispose();

        await bystander.AssertNothingElseArrivesAsync();
        server.AssertNoErrors();
    }

    [Fact]
    public async Task Connecting_the_same_client_id_too_fast_gets_0x9F_while_other_ids_still_connect()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"));
        MqttClientConnectResultCode? refused = null;
        for (var attempt = 0; attempt < 60 && refused is null; attempt++)
        {
            await using var looping = await MqttTestClient.ConnectAsync(server, Operator, clientId: "reconnect-loop");
            if (looping.ConnectResult.ResultCode != MqttClientConnectResultCode.Success)
            {
                refused = looping.ConnectResult.ResultCode;
            }
        }

        Assert.Equal(MqttClientConnectResultCode.ConnectionRateExceeded, refused);
        await using var other = await MqttTestClient.ConnectAsync(server, Operator, clientId: "another-device");
        Assert.Equal(MqttClientConnectResultCode.Success, other.ConnectResult.ResultCode);
        await other.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task A_connect_flood_from_one_address_gets_0x9F_and_connected_clients_keep_being_served()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"), extraArguments: ["--mqtt-connect-rate", "2"]);
        await using var established = await MqttTestClient.ConnectAsync(server, Operator);
        Assert.Equal(MqttClientConnectResultCode.Success, established.ConnectResult.ResultCode);

        MqttClientConnectResultCode? refused = null;
        for (var attempt = 0; attempt < 60 && refused is null; attempt++)
        {
            await using var flood = await MqttTestClient.ConnectAsync(server, Operator);
            if (flood.ConnectResult.ResultCode != MqttClientConnectResultCode.Success)
            {
                refused = flood.ConnectResult.ResultCode;
            }
        }

        Assert.Equal(MqttClientConnectResultCode.ConnectionRateExceeded, refused);
        // MQTT 3.1.1 has no 0x9F; MQTTnet answers 0x03 Server unavailable, the refusal 3.1.1 has for "not now".
        MqttClientConnectResultCode? refused311 = null;
        for (var attempt = 0; attempt < 60 && refused311 is null; attempt++)
        {
            await using var flood = await MqttTestClient.ConnectAsync(server, Operator, version: MqttProtocolVersion.V311);
            if (flood.ConnectResult.ResultCode != MqttClientConnectResultCode.Success)
            {
                refused311 = flood.ConnectResult.ResultCode;
            }
        }

        Assert.Equal(MqttClientConnectResultCode.ServerUnavailable, refused311);
        await established.AssertNothingElseArrivesAsync();
        server.AssertNoErrors();
    }

    [Fact]
    public async Task Topics_over_AWS_IoT_quotas_are_refused_with_0x90_and_0x8F()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"));
        await using var client = await MqttTestClient.ConnectAsync(server, Operator);
        var tooLong = new string('t', 257);
        var tooDeep = "a/b/c/d/e/f/g/h/i";
        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, (await client.PublishAsync(tooLong, "x")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, (await client.PublishAsync(tooDeep, "x")).ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.TopicFilterInvalid, await client.SubscribeAsync(tooDeep));
        // At the quota exactly: accepted.
        await client.SubscribeOkAsync("a/b/c/d/e/f/g/h");
        Assert.True((await client.PublishAsync("a/b/c/d/e/f/g/h", "deep enough")).IsSuccess);
        Assert.Equal("a/b/c/d/e/f/g/h", (await client.NextAsync()).Topic);
    }

    [Fact]
    public async Task A_message_larger_than_the_clients_maximum_packet_size_is_not_sent_to_it()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"));
        await using var small = await MqttTestClient.ConnectAsync(server, Operator, configure: o => o.WithMaximumPacketSize(128));
        await small.SubscribeOkAsync("sizes/#");
        await using var everything = await MqttTestClient.ConnectAsync(server, Operator);
        await everything.SubscribeOkAsync("sizes/#");
        await using var publisher = await MqttTestClient.ConnectAsync(server, Operator);

        // MQTT 5 §3.1.2.11.4: the server discards what exceeds the client's limit, as if sent; the rest still comes.
        Assert.True((await publisher.PublishAsync("sizes/fits", new string('.', 32))).IsSuccess);
        Assert.True((await publisher.PublishAsync("sizes/too-big", new string('.', 128))).IsSuccess);
        Assert.True((await publisher.PublishAsync("sizes/fits-again", new string('.', 32))).IsSuccess);
        Assert.Equal("sizes/fits", (await small.NextAsync()).Topic);
        Assert.Equal("sizes/fits-again", (await small.NextAsync()).Topic);
        await small.AssertNothingElseArrivesAsync();
        Assert.Equal(["sizes/fits", "sizes/too-big", "sizes/fits-again"], [(await everything.NextAsync()).Topic, (await everything.NextAsync()).Topic, (await everything.NextAsync()).Topic]);
    }
}
