using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Messages the broker holds back for an MQTT 5 client's Receive Maximum (§4.9; docs/iot.md "Flow control and topic
/// aliases") belong to the session, not to the connection: when a persistent session's connection ends (DISCONNECT,
/// a broken connection, a graceful stop or kill -9 of the server), they reach the client when it resumes the
/// session, in order, after the ones that were in flight (MQTT 5 §4.1: the session state holds the QoS 1 and 2
/// messages "pending transmission to the Client"). The in-flight ones come again with DUP 1 ([MQTT-3.3.1-1]).
/// </summary>
public sealed class MqttReceiveMaximumSessionTests
{
    private const int Messages = 6;
    private const ushort ReceiveMaximum = 2;

    public enum Ending
    {
        Disconnect,
        BrokenConnection,
        GracefulRestart,
        KillNine,
        Takeover,
    }

    [Theory]
    [InlineData(Ending.Disconnect)]
    [InlineData(Ending.BrokenConnection)]
    [InlineData(Ending.GracefulRestart)]
    [InlineData(Ending.KillNine)]
    [InlineData(Ending.Takeover)]
    public async Task Held_and_in_flight_messages_of_a_persistent_session_reach_it_when_it_resumes(Ending ending)
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        ManualAckMqttClient? taken = null;
        try
        {
            var a = await IotKeys.NewAccountAsync(server, "held-" + ending.ToString().ToLowerInvariant());
            var holder = await ManualAckMqttClient.ConnectAsync(server, a, "slow-1", MqttProtocolVersion.V500, sessionExpirySeconds: 3600, receiveMaximum: ReceiveMaximum);
            await holder.SubscribeAsync("jobs/#", MqttQualityOfServiceLevel.ExactlyOnce);
            await using (var publisher = await MqttTestClient.ConnectAsync(server, a))
            {
                for (var i = 0; i < Messages; i++)
                {
                    var qos = i % 2 == 0 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.ExactlyOnce;
                    Assert.True((await publisher.PublishAsync($"jobs/{i}", $"job {i}", qos)).IsSuccess);
                }

                // A QoS 0 message passes the held ones (§4.9): once it is here, jobs/2 to jobs/5 are held, not slow.
                await publisher.PublishAsync("jobs/marker", "marker", MqttQualityOfServiceLevel.AtMostOnce);
            }

            for (var i = 0; i < ReceiveMaximum; i++)
            {
                Assert.Equal($"job {i}", (await holder.NextAsync()).Payload);
            }

            Assert.Equal("marker", (await holder.NextAsync()).Payload);

            switch (ending)
            {
                case Ending.Disconnect:
                    await holder.DisposeAsync();
                    // Resumed after the broker saw the connection end, so this case is not the Takeover one.
                    await Task.Delay(1000);
                    break;
                case Ending.BrokenConnection:
                    holder.Abort();
                    await Task.Delay(1000);
                    break;
                case Ending.GracefulRestart:
                    await holder.DisposeAsync();
                    Assert.Equal(0, await server.StopAsync());
                    await server.DisposeAsync();
                    server = await NuageProcess.StartAsync(directory);
                    break;
                case Ending.KillNine:
                    await server.KillAsync();
                    await server.DisposeAsync();
                    holder.Abort();
                    server = await NuageProcess.StartAsync(directory);
                    break;
                case Ending.Takeover:
                    // The old connection stays open and silent (a device whose network went away unnoticed): the new
                    // CONNECT takes the session over (§3.1.4) while MQTTnet's old send loop still waits on its queue.
                    taken = holder;
                    break;
            }

            await using (var back = await ManualAckMqttClient.ConnectAsync(server, a, "slow-1", MqttProtocolVersion.V500, sessionExpirySeconds: 3600, receiveMaximum: 20))
            {
                Assert.True(back.ConnectResult!.IsSessionPresent);
                for (var i = 0; i < Messages; i++)
                {
                    var again = await back.NextAsync();
                    Assert.Equal(($"jobs/{i}", $"job {i}", i % 2 == 0 ? 1 : 2), (again.Topic, again.Payload, again.QualityOfService));
                    if (i < ReceiveMaximum)
                    {
                        // Sent before: [MQTT-3.3.1-1].
                        Assert.True(again.Dup, $"{again.Topic} was sent before and came again without DUP");
                    }

                    await ManualAckMqttClient.AcknowledgeAsync(again);
                }

                // One more round trip. The last PUBCOMP may still be unread when the check below takes the session over:
                // then the broker sends that message's PUBREL again, not the message (§4.4), and nothing comes twice.
                await back.PublishAsync("elsewhere/flush", "flush", MqttQualityOfServiceLevel.AtLeastOnce);
            }

            // Each came once: nothing is left for the session.
            await using var check = await MqttTestClient.ConnectAsync(server, a, clientId: "slow-1", configure: MqttTestClient.Persistent(3600));
            Assert.True(check.ConnectResult.IsSessionPresent);
            await check.AssertNothingElseArrivesAsync();
            server.AssertNoErrors();
        }
        finally
        {
            if (taken is not null)
            {
                await taken.DisposeAsync();
            }

            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Held_messages_of_a_clean_session_go_with_it()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"));
        var a = await IotKeys.NewAccountAsync(server, "held-clean");
        var holder = await ManualAckMqttClient.ConnectAsync(server, a, "slow-clean", MqttProtocolVersion.V500, sessionExpirySeconds: 0, receiveMaximum: ReceiveMaximum);
        await holder.SubscribeAsync("jobs/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await using (var publisher = await MqttTestClient.ConnectAsync(server, a))
        {
            for (var i = 0; i < Messages; i++)
            {
                Assert.True((await publisher.PublishAsync($"jobs/{i}", $"job {i}")).IsSuccess);
            }
        }

        Assert.Equal("job 0", (await holder.NextAsync()).Payload);
        await holder.DisposeAsync();
        // Reconnected after the broker saw the connection end rather than as a takeover: on CI, under load, the new
        // connection was once cut off right after its CONNACK (the same race as the persistent cases above).
        await Task.Delay(1000);

        // §3.1.2.4: a session with a Session Expiry Interval of 0 ends with its connection, and what it held with it.
        await using var again = await MqttTestClient.ConnectAsync(server, a, clientId: "slow-clean");
        Assert.False(again.ConnectResult.IsSessionPresent);
        await again.SubscribeOkAsync("jobs/#");
        await again.AssertNothingElseArrivesAsync();
    }
}
