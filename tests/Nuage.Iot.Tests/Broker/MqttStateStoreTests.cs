using Nuage.Metadata;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Broker;

/// <summary>
/// The MQTT broker's durable state (schemas 018 and 021) through the store contract on each engine (issue 18):
/// every column round-trips through a reopen, upserts replace, deletes report what they removed, a session takes its
/// subscriptions and queued messages with it, and a queue keeps only its newest rows.
/// </summary>
public abstract class MqttStateStoreTests(MetadataEngine engine) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-mqtt-state-tests-" + Guid.NewGuid().ToString("N"));
    private IMetadataStore _store = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = engine.Open(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        engine.Drop(_directory);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Retained_messages_keep_every_column_through_a_reopen_and_are_replaced_deleted_and_cleared()
    {
        var full = new MqttRetainedRow(
            "111111111111/lamps/1", [0, 1, 2, 255], 1, 1, "application/json", "111111111111/replies", [9, 8, 7],
            """[["k","v"],["k","w"]]""", At.AddTicks(1234567));
        var bare = new MqttRetainedRow("111111111111/lamps/2", [], 0, 0, null, null, null, null, null);
        await WriteAsync(t => t.PutMqttRetained(full));
        await WriteAsync(t => t.PutMqttRetained(bare));
        await ReopenAsync();

        var rows = (await _store.ListMqttRetainedAsync(CancellationToken.None)).OrderBy(r => r.Topic, StringComparer.Ordinal).ToList();
        Assert.Equal([Describe(full), Describe(bare)], rows.Select(Describe));

        var replaced = full with { Payload = [42], Qos = 0, ContentType = null, CorrelationData = null, ExpiresAt = null };
        await WriteAsync(t => t.PutMqttRetained(replaced));
        Assert.Equal(
            [Describe(replaced), Describe(bare)],
            (await _store.ListMqttRetainedAsync(CancellationToken.None)).OrderBy(r => r.Topic, StringComparer.Ordinal).Select(Describe));

        Assert.True(await _store.WriteAsync(t => t.DeleteMqttRetained(bare.Topic), CancellationToken.None));
        Assert.False(await _store.WriteAsync(t => t.DeleteMqttRetained(bare.Topic), CancellationToken.None));
        Assert.Equal([replaced.Topic], (await _store.ListMqttRetainedAsync(CancellationToken.None)).Select(r => r.Topic));
        await WriteAsync(t => t.DeleteAllMqttRetained());
        Assert.Empty(await _store.ListMqttRetainedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Sessions_load_with_their_subscriptions_and_a_deleted_session_takes_its_subscriptions_and_queue()
    {
        await WriteAsync(t => t.PutMqttSession(new MqttSessionRow("lamp-1", 3600, null)));
        await WriteAsync(t => t.PutMqttSession(new MqttSessionRow("lamp-2", uint.MaxValue, At)));
        // 268,435,455 is the largest MQTT 5 subscription identifier (§3.8.2.1.2).
        var first = new MqttSubscriptionRow("lamp-1", "111111111111/cmd/#", 1, NoLocal: true, RetainAsPublished: false, RetainHandling: 2, Identifier: 268_435_455);
        var second = new MqttSubscriptionRow("lamp-1", "111111111111/cfg", 0, NoLocal: false, RetainAsPublished: true, RetainHandling: 0, Identifier: 0);
        await WriteAsync(t => t.PutMqttSubscription(first));
        await WriteAsync(t => t.PutMqttSubscription(second));
        await WriteAsync(t => t.PutMqttSubscription(second with { Qos = 2, Identifier = 7 }));
        await WriteAsync(t => t.PutMqttSession(new MqttSessionRow("lamp-1", 60, At.AddTicks(5))));
        await WriteAsync(t => t.EnqueueMqttMessage(new MqttQueuedRow("lamp-1", 1, Message("111111111111/cmd/on")), 10));
        await ReopenAsync();

        var loaded = await _store.LoadMqttSessionsAsync(CancellationToken.None);
        Assert.Equal(
            [new MqttSessionRow("lamp-1", 60, At.AddTicks(5)), new MqttSessionRow("lamp-2", uint.MaxValue, At)],
            loaded.Sessions.OrderBy(s => s.ClientId, StringComparer.Ordinal));
        Assert.Equal(
            [second with { Qos = 2, Identifier = 7 }, first],
            loaded.Subscriptions.OrderBy(s => s.TopicFilter, StringComparer.Ordinal));

        Assert.True(await _store.WriteAsync(t => t.DeleteMqttSubscription("lamp-1", second.TopicFilter), CancellationToken.None));
        Assert.False(await _store.WriteAsync(t => t.DeleteMqttSubscription("lamp-1", second.TopicFilter), CancellationToken.None));
        Assert.True(await _store.WriteAsync(t => t.DeleteMqttSession("lamp-1"), CancellationToken.None));
        Assert.False(await _store.WriteAsync(t => t.DeleteMqttSession("lamp-1"), CancellationToken.None));

        loaded = await _store.LoadMqttSessionsAsync(CancellationToken.None);
        Assert.Equal(["lamp-2"], loaded.Sessions.Select(s => s.ClientId));
        Assert.Empty(loaded.Subscriptions);
        Assert.Empty(await _store.ListMqttQueuedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_queue_keeps_its_newest_rows_up_to_the_limit_listed_by_client_in_byte_order_then_seq()
    {
        // "B" (0x42) sorts before "a" (0x61) in byte order, whatever the database's locale says.
        for (long seq = 1; seq <= 5; seq++)
        {
            long s = seq;
            await WriteAsync(t => t.EnqueueMqttMessage(new MqttQueuedRow("a", s, Message("t/" + s)), 3));
        }

        await WriteAsync(t => t.EnqueueMqttMessage(new MqttQueuedRow("B", 9, Message("t/b") with { UserProperties = """[["x","y"]]""", ExpiresAt = At }), 3));
        await ReopenAsync();

        var queued = await _store.ListMqttQueuedAsync(CancellationToken.None);
        Assert.Equal([("B", 9L), ("a", 3L), ("a", 4L), ("a", 5L)], queued.Select(q => (q.ClientId, q.Seq)));
        Assert.Equal(Describe(Message("t/b") with { UserProperties = """[["x","y"]]""", ExpiresAt = At }), Describe(queued[0].Message));
        Assert.Equal(Describe(Message("t/4")), Describe(queued[2].Message));

        Assert.True(await _store.WriteAsync(t => t.DeleteMqttQueued("a", 4), CancellationToken.None));
        Assert.False(await _store.WriteAsync(t => t.DeleteMqttQueued("a", 4), CancellationToken.None));
        Assert.Equal([3L, 5L], (await _store.ListMqttQueuedAsync(CancellationToken.None)).Where(q => q.ClientId == "a").Select(q => q.Seq));
    }

    [Fact]
    public async Task A_queued_message_released_by_its_pubrec_keeps_its_packet_identifier_through_a_reopen()
    {
        await WriteAsync(t => t.EnqueueMqttMessage(new MqttQueuedRow("a", 1, Message("t/1")), 10));
        await WriteAsync(t => t.EnqueueMqttMessage(new MqttQueuedRow("a", 2, Message("t/2")), 10));
        Assert.True(await _store.WriteAsync(t => t.ReleaseMqttQueued("a", 2, 65535), CancellationToken.None));
        Assert.False(await _store.WriteAsync(t => t.ReleaseMqttQueued("a", 3, 1), CancellationToken.None));
        await ReopenAsync();

        Assert.Equal([(1L, (int?)null), (2L, 65535)], (await _store.ListMqttQueuedAsync(CancellationToken.None)).Select(q => (q.Seq, q.ReleasedPacketId)));
    }

    [Fact]
    public async Task A_queued_message_sent_keeps_the_packet_identifier_it_was_first_sent_under_through_a_reopen()
    {
        await WriteAsync(t => t.EnqueueMqttMessage(new MqttQueuedRow("a", 1, Message("t/1")), 10));
        await WriteAsync(t => t.EnqueueMqttMessage(new MqttQueuedRow("a", 2, Message("t/2")), 10));
        Assert.True(await _store.WriteAsync(t => t.SendMqttQueued("a", 2, 65535), CancellationToken.None));
        Assert.True(await _store.WriteAsync(t => t.ReleaseMqttQueued("a", 2, 65535), CancellationToken.None));
        Assert.True(await _store.WriteAsync(t => t.SendMqttQueued("a", 1, 7), CancellationToken.None));
        Assert.False(await _store.WriteAsync(t => t.SendMqttQueued("a", 3, 1), CancellationToken.None));
        await ReopenAsync();

        Assert.Equal(
            [(1L, (int?)null, (int?)7), (2L, 65535, 65535)],
            (await _store.ListMqttQueuedAsync(CancellationToken.None)).Select(q => (q.Seq, q.ReleasedPacketId, q.SentPacketId)));
    }

    private static MqttRetainedRow Message(string topic) =>
        new(topic, System.Text.Encoding.UTF8.GetBytes("payload of " + topic), 1, 0, "text/plain", null, [1], null, null);

    /// <summary>The row as a comparable string: records compare byte arrays by reference.</summary>
    private static string Describe(MqttRetainedRow row) =>
        string.Join(
            "|",
            row.Topic, Convert.ToHexString(row.Payload), row.Qos, row.PayloadFormat, row.ContentType ?? "<null>", row.ResponseTopic ?? "<null>",
            row.CorrelationData is null ? "<null>" : Convert.ToHexString(row.CorrelationData), row.UserProperties ?? "<null>",
            row.ExpiresAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<null>");

    private Task WriteAsync(Action<IMetadataTransaction> write) =>
        _store.WriteAsync(t => { write(t); return true; }, CancellationToken.None);

    private async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        _store = engine.Open(_directory);
    }
}

public sealed class MqttStateStoreTestsOnSqlite() : MqttStateStoreTests(MetadataEngine.Sqlite);

public sealed class MqttStateStoreTestsOnPostgres() : MqttStateStoreTests(MetadataEngine.Postgres);
