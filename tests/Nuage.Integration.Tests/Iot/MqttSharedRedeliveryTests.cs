using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// A member of a shared subscription that loses its connection with messages sent but not acknowledged: those go to
/// another connected member of the share (MQTT 5 §4.8.2: the server "MAY attempt to send the message to another Client
/// as soon as it loses its connection to the first Client"; docs/iot.md "Shared subscriptions"); the acknowledged one
/// does not, and a persistent first member that comes back does not get the moved ones again.
/// </summary>
public sealed class MqttSharedRedeliveryTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unacknowledged_messages_of_a_member_that_disconnects_go_to_another_member(bool persistentMember)
    {
        var a = await IotKeys.NewAccountAsync(fixture, persistentMember ? "share-move-p" : "share-move");
        var holderId = "holder-" + Guid.NewGuid().ToString("N")[..8];
        var holder = await ManualAckMqttClient.ConnectAsync(fixture.Server, a, holderId, MqttProtocolVersion.V500, sessionExpirySeconds: persistentMember ? 3600u : 0u);
        await holder.SubscribeAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);

        // While the holder is the share's only member, it gets every message: QoS 1 and QoS 2.
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        for (var i = 0; i < 4; i++)
        {
            var qos = i % 2 == 0 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.ExactlyOnce;
            Assert.True((await publisher.PublishAsync($"tasks/{i}", $"task {i}", qos)).IsSuccess);
        }

        var first = await holder.NextAsync();
        Assert.Equal("task 0", first.Payload);
        await ManualAckMqttClient.AcknowledgeAsync(first);
        for (var i = 1; i < 4; i++)
        {
            // Received, never acknowledged (no PUBACK, no PUBREC).
            Assert.Equal($"task {i}", (await holder.NextAsync()).Payload);
        }

        await using var other = await MqttTestClient.ConnectOkAsync(fixture, a);
        await other.SubscribeOkAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);

        // The holder's connection breaks: the other member gets what it held, at the QoS it was published with.
        holder.Abort();
        for (var i = 1; i < 4; i++)
        {
            Assert.Equal(new ReceivedMessage($"tasks/{i}", $"task {i}", false, i % 2 == 0 ? 1 : 2), await other.NextAsync());
        }

        // The acknowledged one stayed acknowledged.
        await other.AssertNothingElseArrivesAsync();

        if (persistentMember)
        {
            // The holder resumes its session: MQTTnet would resend what it left unacknowledged, but those messages
            // are the other member's now.
            await using var back = await MqttTestClient.ConnectAsync(fixture, a, clientId: holderId, configure: MqttTestClient.Persistent(3600));
            Assert.True(back.ConnectResult.IsSessionPresent);
            await back.AssertNothingElseArrivesAsync();
        }

        fixture.Server.AssertNoErrors();
    }

    [Fact]
    public async Task Unacknowledged_messages_with_an_empty_payload_go_to_another_member_too()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-empty");
        var holder = await ManualAckMqttClient.ConnectAsync(fixture.Server, a, "holder-empty", MqttProtocolVersion.V500, sessionExpirySeconds: 0);
        await holder.SubscribeAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        Assert.True((await publisher.PublishAsync("tasks/empty-1", string.Empty, MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
        Assert.True((await publisher.PublishAsync("tasks/empty-2", string.Empty, MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
        Assert.True((await publisher.PublishAsync("tasks/full", "full", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
        for (var i = 0; i < 3; i++)
        {
            await holder.NextAsync();
        }

        await using var other = await MqttTestClient.ConnectOkAsync(fixture, a);
        await other.SubscribeOkAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);
        holder.Abort();

        Assert.Equal(new ReceivedMessage("tasks/empty-1", string.Empty, false, 1), await other.NextAsync());
        Assert.Equal(new ReceivedMessage("tasks/empty-2", string.Empty, false, 2), await other.NextAsync());
        Assert.Equal(new ReceivedMessage("tasks/full", "full", false, 1), await other.NextAsync());
        await other.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task Messages_of_a_member_whose_session_ends_with_no_other_member_wait_for_the_next_member()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-wait");
        var holder = await ManualAckMqttClient.ConnectAsync(fixture.Server, a, "holder-alone", MqttProtocolVersion.V500, sessionExpirySeconds: 0);
        await holder.SubscribeAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await using (var publisher = await MqttTestClient.ConnectOkAsync(fixture, a))
        {
            Assert.True((await publisher.PublishAsync("tasks/1", "one")).IsSuccess);
            Assert.True((await publisher.PublishAsync("tasks/2", "two")).IsSuccess);
        }

        Assert.Equal("one", (await holder.NextAsync()).Payload);
        Assert.Equal("two", (await holder.NextAsync()).Payload);

        // The only member leaves with both unacknowledged, and its session (clean) ends with it: nobody to move them to.
        holder.Abort();
        await Task.Delay(500);

        // §4.8.2: they go to another client subscribed to the share, the first one that joins.
        await using var next = await MqttTestClient.ConnectOkAsync(fixture, a);
        await next.SubscribeOkAsync("$share/workers/tasks/#");
        Assert.Equal(new ReceivedMessage("tasks/1", "one", false, 1), await next.NextAsync());
        Assert.Equal(new ReceivedMessage("tasks/2", "two", false, 1), await next.NextAsync());
        await next.AssertNothingElseArrivesAsync();
        fixture.Server.AssertNoErrors();
    }

    [Fact]
    public async Task Messages_waiting_for_a_member_survive_kill_9_and_go_to_the_next_member_once()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var a = await HoldTwoThenKillAsync(directory, "share-wait-kill", "holder-k", sessionExpiry: 0, async holder =>
        {
            // The only member leaves with both unacknowledged and its session ends: they wait with the share, stored
            // under the share's id. Once both rows are there, the server dies.
            holder.Abort();
            await WaitForShareRowsAsync(directory, 2);
        });

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var next = await MqttTestClient.ConnectAsync(restarted, a);
        await next.SubscribeOkAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);
        Assert.Equal(new ReceivedMessage("tasks/1", "one", false, 1), await next.NextAsync());
        Assert.Equal(new ReceivedMessage("tasks/2", "two", false, 2), await next.NextAsync());
        await next.AssertNothingElseArrivesAsync();

        // Delivered: the share's rows go, so a later restart does not deliver them again.
        await WaitForShareRowsAsync(directory, 0);
        restarted.AssertNoErrors();
    }

    /// <summary>
    /// Starts a server on <paramref name="directory"/> with an account whose client <paramref name="holderId"/> (its
    /// session expiry given), the only member of $share/workers/tasks/#, receives "one" (QoS 1) and "two" (QoS 2) and
    /// acknowledges neither; then <paramref name="beforeKill"/> runs, and the server is killed (kill -9).
    /// </summary>
    private static async Task<IotKeys> HoldTwoThenKillAsync(
        string directory, string account, string holderId, uint sessionExpiry, Func<ManualAckMqttClient, Task> beforeKill)
    {
        var server = await NuageProcess.StartAsync(directory);
        ManualAckMqttClient? holder = null;
        try
        {
            var a = await IotKeys.NewAccountAsync(server, account);
            holder = await ManualAckMqttClient.ConnectAsync(server, a, holderId, MqttProtocolVersion.V500, sessionExpirySeconds: sessionExpiry);
            await holder.SubscribeAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);
            await using (var publisher = await MqttTestClient.ConnectAsync(server, a))
            {
                Assert.True((await publisher.PublishAsync("tasks/1", "one", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
                Assert.True((await publisher.PublishAsync("tasks/2", "two", MqttQualityOfServiceLevel.ExactlyOnce)).IsSuccess);
            }

            Assert.Equal("one", (await holder.NextAsync()).Payload);
            Assert.Equal("two", (await holder.NextAsync()).Payload);
            await beforeKill(holder);
            return a;
        }
        finally
        {
            await server.KillAsync();
            await server.DisposeAsync();
            holder?.Abort();
        }
    }

    /// <summary>Waits until the store holds <paramref name="count"/> messages waiting under a share's id (Shared/ShareQueueId).</summary>
    private static async Task WaitForShareRowsAsync(string directory, long count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var stored = Convert.ToInt64(
                DirectMetadataWrites.Scalar(NuageProcess.Engine, directory, "SELECT COUNT(*) FROM mqtt_queued WHERE client_id LIKE $1", "$share/%"),
                System.Globalization.CultureInfo.InvariantCulture);
            if (stored == count)
            {
                return;
            }

            Assert.False(timeout.IsCancellationRequested, $"the store holds {stored} waiting share messages, not {count}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Messages_a_member_got_back_from_the_store_after_kill_9_move_when_it_leaves_again()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var a = await HoldTwoThenKillAsync(directory, "share-restart", "holder-r", sessionExpiry: 3600, _ => Task.CompletedTask);

        await using var restarted = await NuageProcess.StartAsync(directory);
        var back = await ManualAckMqttClient.ConnectAsync(restarted, a, "holder-r", MqttProtocolVersion.V500, sessionExpirySeconds: 3600);
        Assert.True(back.ConnectResult!.IsSessionPresent);
        Assert.Equal("one", (await back.NextAsync()).Payload);
        Assert.Equal("two", (await back.NextAsync()).Payload);

        await using var other = await MqttTestClient.ConnectAsync(restarted, a);
        await other.SubscribeOkAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);
        back.Abort();
        Assert.Equal(new ReceivedMessage("tasks/1", "one", false, 1), await other.NextAsync());
        Assert.Equal(new ReceivedMessage("tasks/2", "two", false, 2), await other.NextAsync());
        await other.AssertNothingElseArrivesAsync();
        restarted.AssertNoErrors();
    }
}
