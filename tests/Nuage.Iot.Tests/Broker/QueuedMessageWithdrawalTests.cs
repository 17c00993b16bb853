using Nuage.Iot.Broker;
using Nuage.Metadata;
using Nuage.Metadata.Sqlite;

namespace Nuage.Iot.Tests.Broker;

/// <summary>
/// A persistent session's queued message that its client acknowledges before the message's row is written gets no
/// row at all (<see cref="QueuedRowWrite"/>); one acknowledged after its row was written is deleted as before. On
/// SQLite with a long gather window, so the append's commit waits until the test lets it go (a prompt write).
/// </summary>
public sealed class QueuedMessageWithdrawalTests : IAsyncLifetime
{
    private const string Client = "111111111111/lamp-1";
    private const string Topic = "111111111111/things/lamp-1/cmd";
    private readonly SqliteQueuedMessages _sqlite = new("nuage-queued-withdrawal-tests-");
    private readonly SqliteMetadataStore _store;
    private readonly QueuedMessageStore _queue;

    public QueuedMessageWithdrawalTests()
    {
        _store = _sqlite.Store;
        _queue = _sqlite.Queue;
        _store.GatherWindow = TimeSpan.FromMinutes(5);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _sqlite.DisposeAsync().AsTask();

    [Fact]
    public async Task A_message_acknowledged_before_its_row_is_written_leaves_no_row_and_its_append_still_completes()
    {
        var append = _queue.AppendAsync(Client, Message([1]), 1000, QueuedAppendTiming.Gathered, CancellationToken.None);
        _queue.SentLater(Client, Topic, [1], packetId: 7);
        _queue.Acknowledged(Client, Topic, [1]);
        Assert.False(append.IsCompleted, "the append waits for its commit");
        Assert.Equal(1, _queue.WithdrawnRows);

        await CommitWaitingWritesAsync();
        await append.WaitAsync(TimeSpan.FromSeconds(30));
        await _queue.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(await _store.ListMqttQueuedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_message_acknowledged_after_its_row_was_written_is_deleted_and_the_others_stay()
    {
        var first = _queue.AppendAsync(Client, Message([1]), 1000, QueuedAppendTiming.Gathered, CancellationToken.None);
        var second = _queue.AppendAsync(Client, Message([2]), 1000, QueuedAppendTiming.Gathered, CancellationToken.None);
        await CommitWaitingWritesAsync();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await _store.ListMqttQueuedAsync(CancellationToken.None)).Count);

        // The delete's flush starts on the thread pool and may queue its gathered write after the prompt one below.
        _store.GatherWindow = TimeSpan.FromMilliseconds(1);
        _queue.Acknowledged(Client, Topic, [1]);
        var flushed = _queue.DrainAsync();
        await CommitWaitingWritesAsync();
        await flushed.WaitAsync(TimeSpan.FromSeconds(30));
        var rows = await _store.ListMqttQueuedAsync(CancellationToken.None);
        Assert.Equal([(byte)2], Assert.Single(rows).Message.Payload);
        Assert.Equal(0, _queue.WithdrawnRows);
    }

    [Fact]
    public async Task A_message_that_drops_older_ones_past_the_limit_is_written_even_when_acknowledged_first()
    {
        // Its insert is what trims the stored queue (EnqueueMqttMessage), so it cannot be withdrawn.
        var first = _queue.AppendAsync(Client, Message([1]), 1, QueuedAppendTiming.Gathered, CancellationToken.None);
        await CommitWaitingWritesAsync();
        await first.WaitAsync(TimeSpan.FromSeconds(30));

        var second = _queue.AppendAsync(Client, Message([2]), 1, QueuedAppendTiming.Gathered, CancellationToken.None);
        // The delete's flush starts on the thread pool and may queue its gathered write after the prompt one below.
        _store.GatherWindow = TimeSpan.FromMilliseconds(1);
        _queue.Acknowledged(Client, Topic, [2]);
        var flushed = _queue.DrainAsync();
        await CommitWaitingWritesAsync();
        await Task.WhenAll(second, flushed).WaitAsync(TimeSpan.FromSeconds(30));

        // The first was dropped by the limit (trimmed with the second's insert), the second deleted as acknowledged.
        Assert.Empty(await _store.ListMqttQueuedAsync(CancellationToken.None));
        Assert.Equal(0, _queue.WithdrawnRows);
    }

    private static StoredMqttMessage Message(byte[] payload) => new(Topic, payload, 1, 0, null, null, null, [], null);

    /// <summary>A prompt write ends the gathered batch's wait: everything queued before it commits with it.</summary>
    private Task CommitWaitingWritesAsync() => _store.WriteAsync(_ => true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
}
