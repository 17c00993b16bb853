using Nuage.Iot.Broker;
using Nuage.Metadata;

namespace Nuage.Iot.Tests.Broker;

/// <summary>
/// A QoS 1 message handed to a connected persistent subscriber (<see cref="QueuedAppendTiming.Deferred"/>): its append
/// completes when the client acknowledges it, with no row ever written, or, when no acknowledgement comes within the
/// delay, once its row is durable (<see cref="DeferredRowWrites"/>). On the real SQLite engine.
/// </summary>
public sealed class DeferredRowWritesTests : IAsyncLifetime
{
    private const string Client = "111111111111/lamp-1";
    private const string Topic = "111111111111/things/lamp-1/cmd";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SqliteQueuedMessages _sqlite = new("nuage-deferred-rows-tests-");
    private readonly IMetadataStore _store;
    private readonly QueuedMessageStore _queue;

    public DeferredRowWritesTests()
    {
        _store = _sqlite.Store;
        _queue = _sqlite.Queue;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _sqlite.DisposeAsync().AsTask();

    [Fact]
    public async Task A_message_acknowledged_within_the_delay_completes_its_append_at_once_and_is_never_written()
    {
        _queue.DeferredRowDelay = TimeSpan.FromMinutes(5);
        var append = _queue.AppendAsync(Client, Message([1]), 1000, QueuedAppendTiming.Deferred, CancellationToken.None);
        _queue.SentLater(Client, Topic, [1], packetId: 7);
        Assert.False(append.IsCompleted, "the append waits for the acknowledgement or the row");

        _queue.Acknowledged(Client, Topic, [1]);
        // Long before the five-minute delay: the acknowledgement settles it.
        await append.WaitAsync(Patience);
        Assert.Equal(1, _queue.WithdrawnRows);

        await _queue.DrainAsync().WaitAsync(Patience);
        Assert.Empty(await _store.ListMqttQueuedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_message_not_acknowledged_completes_its_append_only_once_its_row_is_durable_with_its_packet_identifier()
    {
        _queue.DeferredRowDelay = TimeSpan.FromMilliseconds(200);
        var append = _queue.AppendAsync(Client, Message([1]), 1000, QueuedAppendTiming.Deferred, CancellationToken.None);
        // Sent before its row is written: the insert carries the identifier (a restart sends it again under it, §4.4).
        _queue.SentLater(Client, Topic, [1], packetId: 7);
        Assert.False(append.IsCompleted);

        await append.WaitAsync(Patience);
        var row = Assert.Single(await _store.ListMqttQueuedAsync(CancellationToken.None));
        Assert.Equal(Client, row.ClientId);
        Assert.Equal([(byte)1], row.Message.Payload);
        Assert.Equal(7, row.SentPacketId);
        Assert.Equal(0, _queue.WithdrawnRows);

        // Acknowledged after its row was written: deleted with the next commit.
        _queue.Acknowledged(Client, Topic, [1]);
        await _queue.DrainAsync().WaitAsync(Patience);
        Assert.Empty(await _store.ListMqttQueuedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_drain_writes_the_waiting_rows_without_their_delay()
    {
        _queue.DeferredRowDelay = TimeSpan.FromMinutes(5);
        var first = _queue.AppendAsync(Client, Message([1]), 1000, QueuedAppendTiming.Deferred, CancellationToken.None);
        var second = _queue.AppendAsync(Client, Message([2]), 1000, QueuedAppendTiming.Deferred, CancellationToken.None);

        await _queue.DrainAsync().WaitAsync(Patience);
        await Task.WhenAll(first, second).WaitAsync(Patience);
        var rows = await _store.ListMqttQueuedAsync(CancellationToken.None);
        Assert.Equal([1L, 2L], rows.Select(row => row.Seq).Order());
    }

    [Fact]
    public async Task A_session_that_ends_withdraws_its_waiting_rows_so_none_outlives_its_delete()
    {
        _queue.DeferredRowDelay = TimeSpan.FromMinutes(5);
        var append = _queue.AppendAsync(Client, Message([1]), 1000, QueuedAppendTiming.Deferred, CancellationToken.None);

        _queue.WithdrawWaiting(Client);
        await append.WaitAsync(Patience);
        await _queue.DrainAsync().WaitAsync(Patience);
        Assert.Empty(await _store.ListMqttQueuedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_message_the_queue_limit_drops_before_its_row_is_written_is_never_written()
    {
        _queue.DeferredRowDelay = TimeSpan.FromMinutes(5);
        var first = _queue.AppendAsync(Client, Message([1]), 1, QueuedAppendTiming.Deferred, CancellationToken.None);
        var second = _queue.AppendAsync(Client, Message([2]), 1, QueuedAppendTiming.Deferred, CancellationToken.None);
        // The first settles as it is dropped (the newest is kept, as EnqueueMqttMessage keeps it).
        await first.WaitAsync(Patience);

        await _queue.DrainAsync().WaitAsync(Patience);
        await second.WaitAsync(Patience);
        var rows = await _store.ListMqttQueuedAsync(CancellationToken.None);
        Assert.Equal([(byte)2], Assert.Single(rows).Message.Payload);
    }

    [Fact]
    public async Task A_QoS_2_message_is_not_deferred()
    {
        // Its row is marked sent and released by later writes that must find it written.
        _queue.DeferredRowDelay = TimeSpan.FromMinutes(5);
        var append = _queue.AppendAsync(Client, Message([1]) with { Qos = 2 }, 1000, QueuedAppendTiming.Deferred, CancellationToken.None);
        await append.WaitAsync(Patience);
        Assert.Single(await _store.ListMqttQueuedAsync(CancellationToken.None));
    }

    private static StoredMqttMessage Message(byte[] payload) => new(Topic, payload, 1, 0, null, null, null, [], null);
}
