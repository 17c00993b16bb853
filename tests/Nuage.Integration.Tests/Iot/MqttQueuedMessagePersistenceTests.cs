using System.Collections.Concurrent;
using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// QoS 1 and 2 messages queued for a persistent session while its client is away survive a restart of the server,
/// kill -9 included (docs/iot.md "Persistence"): once the publisher has its PUBACK, the message reaches the session
/// when its client resumes it, in order, once; an acknowledged message is not delivered again after a later restart.
/// </summary>
public sealed class MqttQueuedMessagePersistenceTests
{
    private const int Messages = 20;

    [Theory]
    [InlineData(MqttProtocolVersion.V500, true)]
    [InlineData(MqttProtocolVersion.V311, true)]
    [InlineData(MqttProtocolVersion.V500, false)]
    public async Task Messages_queued_for_an_absent_session_survive_a_restart_and_arrive_once_in_order(MqttProtocolVersion version, bool kill)
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys a;
        var server = await NuageProcess.StartAsync(directory);
        try
        {
            a = await IotKeys.NewAccountAsync(server, "queued");
            await using (var away = await MqttTestClient.ConnectAsync(server, a, version: version, clientId: "station-1", configure: MqttTestClient.Persistent(3600)))
            {
                await away.SubscribeOkAsync("orders/#", MqttQualityOfServiceLevel.ExactlyOnce);
                await away.SubscribeOkAsync("telemetry/#", MqttQualityOfServiceLevel.AtMostOnce);
            }

            await using var publisher = await MqttTestClient.ConnectAsync(server, a);
            for (var i = 0; i < Messages; i++)
            {
                var qos = i % 2 == 0 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.ExactlyOnce;
                Assert.True((await publisher.PublishAsync($"orders/{i}", $"order {i}", qos)).IsSuccess);
            }

            // Granted QoS 0: not kept (MQTT 5 §3.1.2.4 leaves QoS 0 to the server), whatever the publisher's QoS.
            Assert.True((await publisher.PublishAsync("telemetry/t", "21.5")).IsSuccess);
        }
        finally
        {
            await server.EndAsync(kill);
        }

        await using (var restarted = await NuageProcess.StartAsync(directory))
        {
            await using var back = await MqttTestClient.ConnectAsync(restarted, a, version: version, clientId: "station-1", configure: MqttTestClient.Persistent(3600));
            Assert.True(back.ConnectResult.IsSessionPresent);
            for (var i = 0; i < Messages; i++)
            {
                var message = await back.NextAsync();
                var expectedQos = i % 2 == 0 ? 1 : 2;
                Assert.Equal(new ReceivedMessage($"orders/{i}", $"order {i}", false, expectedQos), message);
            }

            await back.AssertNothingElseArrivesAsync();
            Assert.Equal(0, await restarted.StopAsync());
        }

        // Every one was acknowledged: a further restart delivers none of them again.
        await using var again = await NuageProcess.StartAsync(directory);
        await using var resumed = await MqttTestClient.ConnectAsync(again, a, version: version, clientId: "station-1", configure: MqttTestClient.Persistent(3600));
        Assert.True(resumed.ConnectResult.IsSessionPresent);
        await resumed.AssertNothingElseArrivesAsync();
        again.AssertNoErrors();
    }

    [Fact]
    public async Task A_clean_start_discards_the_stored_queue()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys a;
        await using (var server = await NuageProcess.StartAsync(directory))
        {
            a = await IotKeys.NewAccountAsync(server, "queued-clean");
            await using (var away = await MqttTestClient.ConnectAsync(server, a, clientId: "station-2", configure: MqttTestClient.Persistent(3600)))
            {
                await away.SubscribeOkAsync("orders/#");
            }

            await using var publisher = await MqttTestClient.ConnectAsync(server, a);
            Assert.True((await publisher.PublishAsync("orders/1", "order 1")).IsSuccess);
            Assert.Equal(0, await server.StopAsync());
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using (var fresh = await MqttTestClient.ConnectAsync(restarted, a, clientId: "station-2"))
        {
            // §3.1.2.4: Clean Start 1 discards the session, its queue with it.
            Assert.False(fresh.ConnectResult.IsSessionPresent);
            await fresh.AssertNothingElseArrivesAsync();
        }

        restarted.AssertNoErrors();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Messages_published_after_a_restart_before_the_client_is_back_are_queued_for_its_session(MqttProtocolVersion version)
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys a;
        await using (var server = await NuageProcess.StartAsync(directory))
        {
            a = await IotKeys.NewAccountAsync(server, "queued-waiting");
            await using (var away = await MqttTestClient.ConnectAsync(server, a, version: version, clientId: "station-3", configure: MqttTestClient.Persistent(3600)))
            {
                await away.SubscribeOkAsync("orders/#", MqttQualityOfServiceLevel.ExactlyOnce);
                await away.SubscribeOkAsync("telemetry/#", MqttQualityOfServiceLevel.AtMostOnce);
            }

            Assert.Equal(0, await server.StopAsync());
        }

        // Restarted: the session exists only in the store until station-3 comes back. What is published now is
        // queued for it before the publisher's PUBACK, so it survives even a kill -9 before the client returns.
        var restarted = await NuageProcess.StartAsync(directory);
        try
        {
            await using var publisher = await MqttTestClient.ConnectAsync(restarted, a);
            Assert.True((await publisher.PublishAsync("orders/1", "order 1", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
            Assert.True((await publisher.PublishAsync("orders/2", "order 2", MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
            Assert.True((await publisher.PublishAsync("telemetry/t", "21.5", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
            Assert.True((await publisher.PublishAsync("elsewhere/x", "not subscribed", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
        }
        finally
        {
            await restarted.KillAsync();
            await restarted.DisposeAsync();
        }

        await using var again = await NuageProcess.StartAsync(directory);
        await using (var back = await MqttTestClient.ConnectAsync(again, a, version: version, clientId: "station-3", configure: MqttTestClient.Persistent(3600)))
        {
            Assert.True(back.ConnectResult.IsSessionPresent);
            Assert.Equal(new ReceivedMessage("orders/1", "order 1", false, 1), await back.NextAsync());
            Assert.Equal(new ReceivedMessage("orders/2", "order 2", false, 2), await back.NextAsync());

            // Granted QoS 0 is not kept; an unsubscribed topic never matched.
            await back.AssertNothingElseArrivesAsync();

            // Resumed: from now on MQTTnet delivers to the session itself.
            await using var publisher = await MqttTestClient.ConnectAsync(again, a);
            Assert.True((await publisher.PublishAsync("orders/3", "order 3", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
            Assert.Equal(new ReceivedMessage("orders/3", "order 3", false, 1), await back.NextAsync());
            await back.AssertNothingElseArrivesAsync();
        }

        again.AssertNoErrors();
    }

    /// <summary>
    /// A publisher with many QoS 1 messages in flight at once, as devices and the benchmark publish: each PUBACK waits
    /// for its own message's append to the persistent session's queue only (HeldAcknowledgements), so acknowledgements
    /// leave while later messages are still being written. Whatever the moment of the kill -9, every message the
    /// publisher had a PUBACK for reaches the session: before the kill (a connected client) or after the restart.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_message_acknowledged_from_a_window_in_flight_reaches_the_session_across_a_kill_9(bool subscriberConnected)
    {
        const int Total = 900; // under the session's queue limit (1,000), so none is dropped for room
        const int Window = 50;
        const int KillAfter = 300;
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var acknowledged = new ConcurrentDictionary<int, bool>();
        var received = new HashSet<int>();
        IotKeys a;
        MqttTestClient? station = null;
        var server = await NuageProcess.StartAsync(directory);
        try
        {
            a = await IotKeys.NewAccountAsync(server, "queued-window");
            station = await MqttTestClient.ConnectAsync(server, a, clientId: "station-9", configure: MqttTestClient.Persistent(3600));
            await station.SubscribeOkAsync("stream/#", MqttQualityOfServiceLevel.AtLeastOnce);
            if (!subscriberConnected)
            {
                await station.DisposeAsync();
                station = null;
            }

            await using var publisher = await MqttTestClient.ConnectAsync(server, a);
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var next = -1;
            async Task PublishAsync()
            {
                for (var i = Interlocked.Increment(ref next); i < Total; i = Interlocked.Increment(ref next))
                {
                    try
                    {
                        if ((await publisher.PublishAsync($"stream/{i}", $"message {i}")).IsSuccess)
                        {
                            acknowledged[i] = true;
                            if (acknowledged.Count >= KillAfter)
                            {
                                enough.TrySetResult();
                            }
                        }
                    }
                    catch (Exception)
                    {
                        // The server is gone: what was not acknowledged need not be anywhere.
                        return;
                    }
                }
            }

            var publishers = Enumerable.Range(0, Window).Select(_ => PublishAsync()).ToArray();
            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await server.KillAsync();
            await Task.WhenAll(publishers);
            if (station is not null)
            {
                // What reached the connected client before the kill (it acknowledged each on arrival).
                while (station.TryNext(out var message))
                {
                    received.Add(int.Parse(message.Payload.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        finally
        {
            if (station is not null)
            {
                await station.DisposeAsync();
            }

            await server.DisposeAsync();
        }

        Assert.True(acknowledged.Count >= KillAfter);
        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var back = await MqttTestClient.ConnectAsync(restarted, a, clientId: "station-9", configure: MqttTestClient.Persistent(3600));
        Assert.True(back.ConnectResult.IsSessionPresent);
        var missing = acknowledged.Keys.Where(i => !received.Contains(i)).ToHashSet();
        while (missing.Count > 0)
        {
            // Fails after MqttTestClient.Timeout if an acknowledged message is not in the session's queue.
            var message = await back.NextAsync();
            Assert.StartsWith("stream/", message.Topic, StringComparison.Ordinal);
            missing.Remove(int.Parse(message.Payload.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        restarted.AssertNoErrors();
    }

    /// <summary>
    /// After a restart, a resumed session's subscriptions are rebuilt after CONNACK (MQTT 5 offers no earlier moment
    /// in MQTTnet). Publishers that go on publishing through that moment lose nothing: each message is either queued
    /// for the session as for an absent one and handed over, or delivered through the rebuilt subscription, and each
    /// acknowledged one arrives, once (QoS 1 and 2).
    /// </summary>
    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttQualityOfServiceLevel.ExactlyOnce)]
    public async Task Messages_published_while_a_resumed_session_is_rebuilt_all_arrive(MqttQualityOfServiceLevel qos)
    {
        const int Publishers = 4;
        const int Decoys = 30;
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys a;
        await using (var server = await NuageProcess.StartAsync(directory))
        {
            a = await IotKeys.NewAccountAsync(server, "queued-rebuild");
            await using var away = await MqttTestClient.ConnectAsync(server, a, clientId: "station-7", configure: MqttTestClient.Persistent(3600));
            // Filters that match nothing published here make the rebuild take as long as a real device's would.
            for (var i = 0; i < Decoys; i++)
            {
                await away.SubscribeOkAsync($"alarms/{i}/#");
            }

            await away.SubscribeOkAsync("stream/#", qos);
            await away.DisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection);
            Assert.Equal(0, await server.StopAsync());
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        var acknowledged = new ConcurrentDictionary<string, bool>();
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task PublishAsync(int publisherIndex)
        {
            await using var publisher = await MqttTestClient.ConnectAsync(restarted, a);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var payload = $"{publisherIndex}-{i}";
                if ((await publisher.PublishAsync("stream/x", payload, qos)).IsSuccess)
                {
                    acknowledged[payload] = true;
                    started.TrySetResult();
                }
            }
        }

        var publishing = Enumerable.Range(0, Publishers).Select(PublishAsync).ToArray();
        await started.Task.WaitAsync(MqttTestClient.Timeout);
        await using var back = await MqttTestClient.ConnectAsync(restarted, a, clientId: "station-7", configure: MqttTestClient.Persistent(3600));
        Assert.True(back.ConnectResult.IsSessionPresent);
        // Keep publishing well past the rebuild, then stop.
        var atResume = acknowledged.Count;
        while (acknowledged.Count < atResume + 500)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await Task.WhenAll(publishing);
        var missing = acknowledged.Keys.ToHashSet(StringComparer.Ordinal);
        var arrived = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (missing.Count > 0)
        {
            ReceivedMessage message;
            try
            {
                message = await back.NextAsync();
            }
            catch (Xunit.Sdk.XunitException)
            {
                // An acknowledged message reached neither the session's queue nor its rebuilt subscription.
                Assert.Fail($"{missing.Count} of {acknowledged.Count} acknowledged messages never arrived ({arrived} arrived, {atResume} acknowledged before the resume).");
                throw;
            }

            arrived++;
            Assert.Equal(new ReceivedMessage("stream/x", message.Payload, false, (int)qos), message);
            Assert.True(seen.Add(message.Payload), $"{message.Payload} arrived twice: by the queue and by the rebuilt subscription.");
            missing.Remove(message.Payload);
        }

        await back.AssertNothingElseArrivesAsync();
        restarted.AssertNoErrors();
    }
}
