using System.Text;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// What a resumed session is sent again (MQTT 5 §4.4, 3.1.1 §4.4; docs/iot.md "Flow control and topic aliases"): each
/// QoS 1 or 2 PUBLISH the client had not acknowledged, with DUP 1 and the packet identifier it was first sent with, and
/// for a QoS 2 message the client had answered with PUBREC, the PUBREL, not the PUBLISH again: a client that keeps
/// its QoS 2 state by identifier would otherwise take it for a new message and deliver it twice.
/// </summary>
public sealed class MqttResendIdentifierTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    private const byte PubAck = 0x40;
    private const byte PubRec = 0x50;
    private const byte PubRel = 0x62;
    private const byte PubComp = 0x70;

    [Fact]
    public async Task A_resumed_session_gets_its_messages_under_their_first_identifiers_and_a_received_qos2_one_as_pubrel()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "resend-ids");
        var clientId = "resend-" + Guid.NewGuid().ToString("N")[..8];
        var first = new Dictionary<string, ushort>();
        await using (var subscriber = await RawMqttConnection.OpenAsync(fixture))
        {
            await ConnectAsync(subscriber, a, clientId, sessionPresent: false);
            await subscriber.SendSubscribeV5Async(1, "jobs/#", 2);
            Assert.Equal(0x90, (await subscriber.ReceiveAsync())!.Value.Header);

            await using (var publisher = await MqttTestClient.ConnectAsync(fixture, a))
            {
                Assert.True((await publisher.PublishAsync("jobs/one", "one", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
                Assert.True((await publisher.PublishAsync("jobs/two", "two", MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
                Assert.True((await publisher.PublishAsync("jobs/three", "three", MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
            }

            foreach (var (topic, qos) in new[] { ("jobs/one", 1), ("jobs/two", 2), ("jobs/three", 2) })
            {
                var publish = await ReceivePublishAsync(subscriber);
                Assert.Equal((topic, qos, false), (publish.Topic, publish.Qos, publish.Dup));
                first[topic] = publish.PacketId;
            }

            // jobs/two is the client's now (PUBREC sent); nothing else is acknowledged before the connection ends.
            await subscriber.SendAcknowledgementAsync(PubRec, first["jobs/two"]);
            await ExpectAsync(subscriber, PubRel, first["jobs/two"]);
        }

        // Resumed after the broker saw the connection end rather than as a takeover: in a takeover MQTTnet's old
        // connection may still take a resent message off the session's queue (docs/iot.md "Flow control and topic
        // aliases"), and this one then waits for a packet that went nowhere.
        await Task.Delay(1000);
        await using (var resumed = await RawMqttConnection.OpenAsync(fixture))
        {
            await ConnectAsync(resumed, a, clientId, sessionPresent: true);

            // The PUBLISHes again in their first order (§4.6), and the PUBREL: §4.4 orders neither flow against the
            // other, so the PUBREL may come before, between or after them.
            var publishes = new List<(string Topic, string Payload, int Qos, bool Dup, ushort PacketId)>();
            var releases = new List<ushort>();
            for (int i = 0; i < 3; i++)
            {
                var packet = await resumed.ReceiveAsync();
                Assert.NotNull(packet);
                if (packet.Value.Header == PubRel)
                {
                    releases.Add((ushort)((packet.Value.Body[0] << 8) | packet.Value.Body[1]));
                }
                else
                {
                    publishes.Add(PublishOf(packet.Value.Header, packet.Value.Body));
                }
            }

            Assert.Equal([first["jobs/two"]], releases);
            Assert.Equal(
                [("jobs/one", "one", 1, true, first["jobs/one"]), ("jobs/three", "three", 2, true, first["jobs/three"])],
                publishes);

            await resumed.SendAcknowledgementAsync(PubAck, first["jobs/one"]);
            await resumed.SendAcknowledgementAsync(PubComp, first["jobs/two"]);
            await resumed.SendAcknowledgementAsync(PubRec, first["jobs/three"]);
            await ExpectAsync(resumed, PubRel, first["jobs/three"]);
            await resumed.SendAcknowledgementAsync(PubComp, first["jobs/three"]);
        }

        // All three exchanges are complete: the next resume gets nothing again, only what is published after it.
        await ExpectOnlyNewMessagesAsync(fixture.Server, a, clientId);
    }

    [Fact]
    public async Task A_qos2_message_released_before_a_kill_9_gets_its_pubrel_again_under_its_identifier()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        try
        {
            var a = await IotKeys.NewAccountAsync(server, "resend-kill");
            ushort released;
            await using (var subscriber = await RawMqttConnection.OpenAsync(server))
            {
                await ConnectAsync(subscriber, a, "resend-kill", sessionPresent: false);
                await subscriber.SendSubscribeV5Async(1, "jobs/#", 2);
                Assert.Equal(0x90, (await subscriber.ReceiveAsync())!.Value.Header);
                await using (var publisher = await MqttTestClient.ConnectAsync(server, a))
                {
                    Assert.True((await publisher.PublishAsync("jobs/a", "a", MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
                    Assert.True((await publisher.PublishAsync("jobs/b", "b", MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
                }

                released = (await ReceivePublishAsync(subscriber)).PacketId;
                Assert.Equal("jobs/b", (await ReceivePublishAsync(subscriber)).Topic);

                // The PUBREL leaves once the release is durable: from here a kill -9 must not bring jobs/a back.
                await subscriber.SendAcknowledgementAsync(PubRec, released);
                await ExpectAsync(subscriber, PubRel, released);
                await server.KillAsync();
            }

            await server.DisposeAsync();
            server = await NuageProcess.StartAsync(directory);
            await using (var resumed = await RawMqttConnection.OpenAsync(server))
            {
                await ConnectAsync(resumed, a, "resend-kill", sessionPresent: true);
                await ExpectAsync(resumed, PubRel, released);
                var b = await ReceivePublishAsync(resumed);
                Assert.Equal(("jobs/b", "b", 2, true), (b.Topic, b.Payload, b.Qos, b.Dup));
                await resumed.SendAcknowledgementAsync(PubComp, released);
                await resumed.SendAcknowledgementAsync(PubRec, b.PacketId);
                await ExpectAsync(resumed, PubRel, b.PacketId);
                await resumed.SendAcknowledgementAsync(PubComp, b.PacketId);
                await ExpectPingResponseAsync(resumed);
            }

            // Both exchanges are complete: the next resume gets only what is published after it.
            await ExpectOnlyNewMessagesAsync(server, a, "resend-kill");
            server.AssertNoErrors();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_qos2_message_sent_but_unanswered_before_a_kill_9_comes_again_under_its_identifier()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        try
        {
            var a = await IotKeys.NewAccountAsync(server, "sent-kill");
            ushort sent;
            ushort doneId;
            await using (var subscriber = await RawMqttConnection.OpenAsync(server))
            {
                await ConnectAsync(subscriber, a, "sent-kill", sessionPresent: false);
                await subscriber.SendSubscribeV5Async(1, "jobs/#", 2);
                Assert.Equal(0x90, (await subscriber.ReceiveAsync())!.Value.Header);
                await using (var publisher = await MqttTestClient.ConnectAsync(server, a))
                {
                    // A first exchange, completed, so the second message's identifier is not the one a fresh process
                    // gives the first message it resends (a new identifier could otherwise match by chance).
                    Assert.True((await publisher.PublishAsync("jobs/done", "done", MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
                    var done = await ReceivePublishAsync(subscriber);
                    await subscriber.SendAcknowledgementAsync(PubRec, done.PacketId);
                    await ExpectAsync(subscriber, PubRel, done.PacketId);
                    await subscriber.SendAcknowledgementAsync(PubComp, done.PacketId);
                    doneId = done.PacketId;
                    Assert.True((await publisher.PublishAsync("jobs/x", "x", MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
                }

                // The PUBLISH left once its identifier was durable: unanswered, it is the same message after a kill -9.
                var x = await ReceivePublishAsync(subscriber);
                Assert.Equal(("jobs/x", "x", 2), (x.Topic, x.Payload, x.Qos));
                sent = x.PacketId;
                await server.KillAsync();
            }

            await server.DisposeAsync();
            server = await NuageProcess.StartAsync(directory);
            await using (var resumed = await RawMqttConnection.OpenAsync(server))
            {
                await ConnectAsync(resumed, a, "sent-kill", sessionPresent: true);

                // The first exchange's PUBCOMP deletes its row without a commit of its own (QueuedMessageStore), so a
                // kill -9 may come before that delete is durable: the broker then sends the PUBREL again, as §4.4
                // requires of a PUBREL it does not know was completed, and the client completes it once more.
                var packet = await resumed.ReceiveAsync();
                Assert.NotNull(packet);
                if (packet.Value.Header == PubRel)
                {
                    Assert.Equal(doneId, (ushort)((packet.Value.Body[0] << 8) | packet.Value.Body[1]));
                    await resumed.SendAcknowledgementAsync(PubComp, doneId);
                    packet = await resumed.ReceiveAsync();
                    Assert.NotNull(packet);
                }

                var again = PublishOf(packet.Value.Header, packet.Value.Body);

                // §4.4: DUP 1 and the original identifier, so the client knows it for the message it may have delivered.
                Assert.Equal(("jobs/x", "x", 2, true, sent), (again.Topic, again.Payload, again.Qos, again.Dup, again.PacketId));
                await resumed.SendAcknowledgementAsync(PubRec, sent);
                await ExpectAsync(resumed, PubRel, sent);
                await resumed.SendAcknowledgementAsync(PubComp, sent);

                await ExpectPingResponseAsync(resumed);
            }

            // Complete: the next resume gets only what is published after it.
            await ExpectOnlyNewMessagesAsync(server, a, "sent-kill");
            server.AssertNoErrors();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_qos1_message_sent_but_unanswered_before_a_stop_comes_again_under_its_identifier()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        try
        {
            var a = await IotKeys.NewAccountAsync(server, "sent-stop");
            ushort sent;
            await using (var subscriber = await RawMqttConnection.OpenAsync(server))
            {
                await ConnectAsync(subscriber, a, "sent-stop", sessionPresent: false);
                await subscriber.SendSubscribeV5Async(1, "jobs/#", 1);
                Assert.Equal(0x90, (await subscriber.ReceiveAsync())!.Value.Header);
                await using (var publisher = await MqttTestClient.ConnectAsync(server, a))
                {
                    // Three exchanges completed first, so the unanswered message's identifier is not the first one a
                    // fresh process would give it (a new identifier could otherwise match by chance).
                    foreach (var topic in new[] { "jobs/a", "jobs/b", "jobs/c" })
                    {
                        Assert.True((await publisher.PublishAsync(topic, "done", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
                        var done = await ReceivePublishAsync(subscriber);
                        await subscriber.SendAcknowledgementAsync(PubAck, done.PacketId);
                    }

                    Assert.True((await publisher.PublishAsync("jobs/x", "x", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
                }

                var x = await ReceivePublishAsync(subscriber);
                Assert.Equal(("jobs/x", "x", 1), (x.Topic, x.Payload, x.Qos));
                sent = x.PacketId;

                // A stop (SIGTERM, as an upgrade does) while the message is unanswered: its identifier goes with the
                // last commit (QueuedMessageStore.SentLater, DrainAsync), since a QoS 1 PUBLISH waits for no commit.
                Assert.Equal(0, await server.StopAsync());
            }

            await server.DisposeAsync();
            server = await NuageProcess.StartAsync(directory);
            await using (var resumed = await RawMqttConnection.OpenAsync(server))
            {
                await ConnectAsync(resumed, a, "sent-stop", sessionPresent: true);
                var again = await ReceivePublishAsync(resumed);

                // §4.4 [MQTT-4.4.0-1]: unacknowledged PUBLISHes go again under their original identifiers, DUP 1.
                Assert.Equal(("jobs/x", "x", 1, true, sent), (again.Topic, again.Payload, again.Qos, again.Dup, again.PacketId));
                await resumed.SendAcknowledgementAsync(PubAck, sent);
                await ExpectPingResponseAsync(resumed);
            }

            // Acknowledged: the next resume gets only what is published after it.
            await ExpectOnlyNewMessagesAsync(server, a, "sent-stop");
            server.AssertNoErrors();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Every exchange of <paramref name="clientId"/>'s session is complete: resumed, it gets nothing again, only a message published after it.</summary>
    private static async Task ExpectOnlyNewMessagesAsync(NuageProcess server, IotKeys keys, string clientId)
    {
        await using var next = await RawMqttConnection.OpenAsync(server);
        await ConnectAsync(next, keys, clientId, sessionPresent: true);
        await using (var publisher = await MqttTestClient.ConnectAsync(server, keys))
        {
            Assert.True((await publisher.PublishAsync("jobs/new", "new", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
        }

        var later = await ReceivePublishAsync(next);
        Assert.Equal(("jobs/new", "new", false), (later.Topic, later.Payload, later.Dup));
    }

    private static async Task ConnectAsync(RawMqttConnection connection, IotKeys keys, string clientId, bool sessionPresent)
    {
        await connection.SendPersistentConnectAsync(keys, clientId);
        var connAck = await connection.ReceiveAsync();
        Assert.Equal(0x20, connAck!.Value.Header);
        Assert.Equal(0, connAck.Value.Body[1]); // Success
        Assert.Equal(sessionPresent ? 1 : 0, connAck.Value.Body[0] & 1);
    }

    /// <summary>
    /// PINGREQ, then its PINGRESP. The broker reads a connection's packets in order: once PINGRESP is back, every
    /// acknowledgement sent before it has been taken, and closing now cannot leave an exchange open for the next resume.
    /// </summary>
    private static async Task ExpectPingResponseAsync(RawMqttConnection connection)
    {
        await connection.SendBytesAsync([0xC0, 0x00]);
        Assert.Equal(0xD0, (await connection.ReceiveAsync())!.Value.Header);
    }

    private static async Task ExpectAsync(RawMqttConnection connection, byte header, ushort packetId)
    {
        var packet = await connection.ReceiveAsync();
        Assert.NotNull(packet);
        Assert.Equal(header, packet.Value.Header);
        Assert.Equal(packetId, (ushort)((packet.Value.Body[0] << 8) | packet.Value.Body[1]));
    }

    /// <summary>The next packet, which must be an MQTT 5 PUBLISH of QoS 1 or 2 (§3.3.1: DUP is bit 3, QoS bits 2-1).</summary>
    private static async Task<(string Topic, string Payload, int Qos, bool Dup, ushort PacketId)> ReceivePublishAsync(RawMqttConnection connection)
    {
        var packet = await connection.ReceiveAsync();
        Assert.NotNull(packet);
        return PublishOf(packet.Value.Header, packet.Value.Body);
    }

    private static (string Topic, string Payload, int Qos, bool Dup, ushort PacketId) PublishOf(byte header, byte[] body)
    {
        Assert.Equal(0x30, header & 0xF0);
        var qos = (header >> 1) & 3;
        Assert.InRange(qos, 1, 2);
        var topicLength = (body[0] << 8) | body[1];
        var topic = Encoding.UTF8.GetString(body, 2, topicLength);
        var packetId = (ushort)((body[2 + topicLength] << 8) | body[3 + topicLength]);
        var payload = Encoding.UTF8.GetString(RawMqttConnection.PayloadOfV5Publish(header, body));
        return (topic, payload, qos, (header & 0x08) != 0, packetId);
    }
}
