using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// QoS 2 from a publisher is delivered once (MQTT 5 §4.3.3, 3.1.1 §4.3.3; docs/iot.md "Persistence"): until its
/// PUBREL, a PUBLISH sent again with the same packet identifier is answered with PUBREC and not delivered again,
/// on the same connection, after a reconnect to the session, and after a kill -9 of the server; once PUBCOMP has
/// been sent the identifier carries a new message.
/// </summary>
public sealed class MqttQos2ExactlyOnceTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    private const byte PubRec = 0x50;
    private const byte PubComp = 0x70;

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public async Task A_qos2_publish_sent_again_before_its_pubrel_is_not_delivered_twice(byte level)
    {
        var a = await IotKeys.NewAccountAsync(fixture, "qos2-once-" + level);
        await using var subscriber = await MqttTestClient.ConnectOkAsync(fixture, a);
        await subscriber.SubscribeOkAsync("once/#", MqttQualityOfServiceLevel.ExactlyOnce);
        var clientId = "sender-" + Guid.NewGuid().ToString("N")[..8];

        await using (var first = await RawMqttConnection.OpenAsync(fixture))
        {
            await ConnectAsync(first, a, clientId, level, sessionPresent: false);
            await first.SendQos2PublishAsync("once/a", "first", packetId: 7, dup: false, level);
            await ExpectAsync(first, PubRec, 7);

            // PUBREC lost, say: the client sends it again on the same connection.
            await first.SendQos2PublishAsync("once/a", "first", packetId: 7, dup: true, level);
            await ExpectAsync(first, PubRec, 7);
        }

        // The connection breaks before PUBREL; the client resumes its session and sends the PUBLISH again (§4.4).
        await using (var second = await RawMqttConnection.OpenAsync(fixture))
        {
            await ConnectAsync(second, a, clientId, level, sessionPresent: true);
            await second.SendQos2PublishAsync("once/a", "first", packetId: 7, dup: true, level);
            await ExpectAsync(second, PubRec, 7);
            await second.SendPubRelAsync(7);
            await ExpectAsync(second, PubComp, 7);

            // The exchange is over: identifier 7 now carries a new message, which is delivered.
            await second.SendQos2PublishAsync("once/a", "second", packetId: 7, dup: false, level);
            await ExpectAsync(second, PubRec, 7);
            await second.SendPubRelAsync(7);
            await ExpectAsync(second, PubComp, 7);
        }

        Assert.Equal("first", (await subscriber.NextAsync()).Payload);
        Assert.Equal("second", (await subscriber.NextAsync()).Payload);
        await subscriber.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task An_open_qos2_exchange_survives_kill_9_and_a_completed_one_frees_its_identifier()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys a;
        await using (var server = await NuageProcess.StartAsync(directory))
        {
            a = await IotKeys.NewAccountAsync(server, "qos2-kill");
            await using var subscriber = await MqttTestClient.ConnectAsync(server, a);
            await subscriber.SubscribeOkAsync("once/#", MqttQualityOfServiceLevel.ExactlyOnce);
            await using var publisher = await RawMqttConnection.OpenAsync(server);
            await ConnectAsync(publisher, a, "sender-k", 5, sessionPresent: false);

            // Identifier 9: PUBREC received, PUBREL not sent yet. Identifier 10: completed.
            await publisher.SendQos2PublishAsync("once/nine", "nine", packetId: 9, dup: false);
            await ExpectAsync(publisher, PubRec, 9);
            await publisher.SendQos2PublishAsync("once/ten", "ten", packetId: 10, dup: false);
            await ExpectAsync(publisher, PubRec, 10);
            await publisher.SendPubRelAsync(10);
            await ExpectAsync(publisher, PubComp, 10);
            Assert.Equal("nine", (await subscriber.NextAsync()).Payload);
            Assert.Equal("ten", (await subscriber.NextAsync()).Payload);

            await server.KillAsync();
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var after = await MqttTestClient.ConnectAsync(restarted, a);
        await after.SubscribeOkAsync("once/#", MqttQualityOfServiceLevel.ExactlyOnce);
        await using var back = await RawMqttConnection.OpenAsync(restarted);
        await ConnectAsync(back, a, "sender-k", 5, sessionPresent: true);

        // §4.4: the client sends the PUBLISH it has no PUBREC for... it had one, so a conforming client sends PUBREL;
        // one that sends the PUBLISH again (DUP) must not have it delivered a second time.
        await back.SendQos2PublishAsync("once/nine", "nine", packetId: 9, dup: true);
        await ExpectAsync(back, PubRec, 9);
        await back.SendPubRelAsync(9);
        await ExpectAsync(back, PubComp, 9);

        // PUBCOMP of 10 lost, say: the client sends PUBREL again and is answered.
        await back.SendPubRelAsync(10);
        await ExpectAsync(back, PubComp, 10);

        // Both identifiers are free: new messages under them are delivered.
        await back.SendQos2PublishAsync("once/ten", "new ten", packetId: 10, dup: false);
        await ExpectAsync(back, PubRec, 10);
        await back.SendPubRelAsync(10);
        await ExpectAsync(back, PubComp, 10);
        await back.SendQos2PublishAsync("once/nine", "new nine", packetId: 9, dup: false);
        await ExpectAsync(back, PubRec, 9);
        await back.SendPubRelAsync(9);
        await ExpectAsync(back, PubComp, 9);

        Assert.Equal("new ten", (await after.NextAsync()).Payload);
        Assert.Equal("new nine", (await after.NextAsync()).Payload);
        await after.AssertNothingElseArrivesAsync();
        restarted.AssertNoErrors();
    }

    private static async Task ConnectAsync(RawMqttConnection connection, IotKeys keys, string clientId, byte level, bool sessionPresent)
    {
        await connection.SendPersistentConnectAsync(keys, clientId, level);
        var connAck = await connection.ReceiveAsync();
        Assert.Equal(0x20, connAck!.Value.Header);
        Assert.Equal(0, connAck.Value.Body[1]); // Success
        Assert.Equal(sessionPresent ? 1 : 0, connAck.Value.Body[0] & 1);
    }

    private static async Task ExpectAsync(RawMqttConnection connection, byte header, ushort packetId)
    {
        var packet = await connection.ReceiveAsync();
        Assert.NotNull(packet);
        Assert.Equal(header, packet.Value.Header);
        Assert.Equal(packetId, (ushort)((packet.Value.Body[0] << 8) | packet.Value.Body[1]));
    }
}
