using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Messages handed to a CONNECTED client of a persistent session and not yet acknowledged survive a kill -9 of the
/// server (docs/iot.md "Persistence"): after the restart, when the client resumes its session, every unacknowledged
/// QoS 1 and QoS 2 message comes again, in order, with DUP 1 (MQTT 5 §4.4), and no acknowledged one does.
/// </summary>
public sealed class MqttInFlightPersistenceTests
{
    private const int Messages = 12;

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Unacknowledged_messages_of_a_connected_client_survive_kill_9_and_acknowledged_ones_do_not_return(MqttProtocolVersion version)
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys a;
        var expected = new List<(string Topic, string Payload, int Qos)>();
        var server = await NuageProcess.StartAsync(directory);
        ManualAckMqttClient? holder = null;
        try
        {
            a = await IotKeys.NewAccountAsync(server, "inflight");
            holder = await ManualAckMqttClient.ConnectAsync(server, a, "holder-1", version, sessionExpirySeconds: 3600);
            await holder.SubscribeAsync("jobs/#", MqttQualityOfServiceLevel.ExactlyOnce);

            await using var publisher = await MqttTestClient.ConnectAsync(server, a);
            for (var i = 0; i < Messages; i++)
            {
                var qos = i % 2 == 0 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.ExactlyOnce;
                Assert.True((await publisher.PublishAsync($"jobs/{i}", $"job {i}", qos)).IsSuccess);
            }

            // All of them reached the connected client. It acknowledges half, QoS 1 and QoS 2 alike (i % 4 < 2), and
            // holds the others: sent, never acknowledged.
            for (var i = 0; i < Messages; i++)
            {
                var received = await holder.NextAsync();
                Assert.Equal(($"jobs/{i}", $"job {i}", i % 2 == 0 ? 1 : 2), (received.Topic, received.Payload, received.QualityOfService));
                if (i % 4 < 2)
                {
                    await ManualAckMqttClient.AcknowledgeAsync(received);
                }
                else
                {
                    expected.Add((received.Topic, received.Payload, received.QualityOfService));
                }
            }

            // Two messages of the holder's own, each awaited (PUBACK) and received: the broker reads one connection's
            // packets in order, so the acknowledgements above (the PUBCOMPs of QoS 2 follow the broker's PUBRELs,
            // which precede the first PUBACK) were taken before the second PUBLISH, whose durable append carries
            // their deletes. These two are held as well.
            for (var round = 1; round <= 2; round++)
            {
                Assert.True((await holder.PublishAsync($"jobs/sync-{round}", $"sync {round}", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
                var sync = await holder.NextAsync();
                Assert.Equal($"jobs/sync-{round}", sync.Topic);
                expected.Add((sync.Topic, sync.Payload, 1));
            }
        }
        finally
        {
            // Killed while the holder is still connected, its messages in flight.
            await server.KillAsync();
            await server.DisposeAsync();
            holder?.Abort();
        }

        await using (var restarted = await NuageProcess.StartAsync(directory))
        {
            await using (var back = await ManualAckMqttClient.ConnectAsync(restarted, a, "holder-1", version, sessionExpirySeconds: 3600))
            {
                Assert.True(back.ConnectResult!.IsSessionPresent);
                foreach (var (topic, payload, qos) in expected)
                {
                    var again = await back.NextAsync();
                    Assert.Equal((topic, payload, qos), (again.Topic, again.Payload, again.QualityOfService));
                    // §4.4 / [MQTT-3.3.1-1]: a message that may have been sent before says so.
                    Assert.True(again.Dup, $"{again.Topic} came again without DUP");
                    await ManualAckMqttClient.AcknowledgeAsync(again);
                }

                // One more round trip, so the broker has the PUBCOMPs of the QoS 2 ones before DISCONNECT.
                await back.PublishAsync("elsewhere/flush", "flush", MqttQualityOfServiceLevel.AtLeastOnce);
            }

            // Nothing else: no acknowledged message came back (AssertNothingElseArrivesAsync's control message would
            // have queued behind it).
            await using (var check = await MqttTestClient.ConnectAsync(restarted, a, version: version, clientId: "holder-1", configure: MqttTestClient.Persistent(3600)))
            {
                Assert.True(check.ConnectResult.IsSessionPresent);
                await check.AssertNothingElseArrivesAsync();
            }

            Assert.Equal(0, await restarted.StopAsync());
        }

        // Acknowledged after the restart: a further restart delivers none of them again.
        await using var third = await NuageProcess.StartAsync(directory);
        await using var resumed = await MqttTestClient.ConnectAsync(third, a, version: version, clientId: "holder-1", configure: MqttTestClient.Persistent(3600));
        Assert.True(resumed.ConnectResult.IsSessionPresent);
        await resumed.AssertNothingElseArrivesAsync();
        third.AssertNoErrors();
    }
}
