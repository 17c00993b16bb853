using System.Collections.Concurrent;
using Nuage.Metadata;

namespace Nuage.Iot.Broker;

/// <summary>
/// The QoS 1 and 2 messages of persistent sessions that their client has not acknowledged yet, kept durably (schema
/// 021) so that they survive a restart of the process (MQTT 5 §3.1.2.4 and §4.1: the session state holds the QoS 1
/// and 2 messages sent to the client but not completely acknowledged, and those pending transmission): queued while
/// the client is away, and handed to a connected client but not yet acknowledged by it. An append completes when its
/// group commit is durable. Each session's queue is also indexed in memory, in order, so an acknowledgement finds its
/// row without a read: the broker delivers one session's messages in order (§4.6), so the oldest row with the
/// acknowledged message's topic and payload is the one.
/// </summary>
public sealed class QueuedMessageStore
{
    private readonly IMetadataStore _store;
    private readonly ConcurrentDictionary<string, SessionQueue> _queues = new(StringComparer.Ordinal);
    private readonly Lock _pendingGate = new();
    private readonly DeferredRowWrites _deferred;

    // Row changes that wait for the next commit instead of making one: deletes of acknowledged rows, for QoS 1 the
    // packet identifier a row was first sent under, and rows never written because their acknowledgement came first.
    private List<PendingRowChange> _pending = [];
    private Task? _flushing;
    private long _withdrawn;

    public QueuedMessageStore(IMetadataStore store)
    {
        _store = store;
        _deferred = new DeferredRowWrites(store, TakePending, Apply);
    }

    /// <summary>Rows never written because their client acknowledged the message first (<see cref="QueuedRowWrite"/>).</summary>
    internal long WithdrawnRows => Interlocked.Read(ref _withdrawn);

    /// <summary>How long a <see cref="QueuedAppendTiming.Deferred"/> row waits for its client's acknowledgement (tests shorten or lengthen it).</summary>
    internal TimeSpan DeferredRowDelay
    {
        get => _deferred.Delay;
        set => _deferred.Delay = value;
    }

    /// <summary>Told when a batch of acknowledged rows could not be deleted (the broker logs it).</summary>
    public event Action<Exception>? DeleteFailed;

    /// <summary>
    /// Reads every stored queue (once, at start); what was queued before the restart, by session, in order, each with
    /// the packet identifier of its PUBREC when the client had answered it so (QoS 2), else null, and the packet
    /// identifier it was first sent under (QoS 2, schema 029), else null.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<(StoredMqttMessage Message, ushort? ReleasedPacketId, ushort? SentPacketId)>>> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await _store.ListMqttQueuedAsync(cancellationToken).ConfigureAwait(false);
        var loaded = new Dictionary<string, IReadOnlyList<(StoredMqttMessage, ushort?, ushort?)>>(StringComparer.Ordinal);
        _queues.Clear();
        foreach (var group in rows.GroupBy(row => row.ClientId, StringComparer.Ordinal))
        {
            var queue = QueueOf(group.Key);
            var messages = new List<(StoredMqttMessage, ushort?, ushort?)>();
            foreach (var row in group)
            {
                var message = StoredMqttMessage.FromRow(row.Message);
                queue.Load(row.Seq, message, released: row.ReleasedPacketId is not null, sent: row.SentPacketId is not null);
                messages.Add((message, row.ReleasedPacketId is { } id ? (ushort)id : null, row.SentPacketId is { } sent ? (ushort)sent : null));
            }

            loaded[group.Key] = messages;
        }

        return loaded;
    }

    /// <summary>
    /// Appends a message to the session's queue; completes once it is durable, or once the commit it was to go with is
    /// when the client acknowledged the message before its row was written (<see cref="QueuedRowWrite"/>: then there
    /// is no row, and the publisher's acknowledgement waits as long as it would have). <paramref name="timing"/> says
    /// what waits for it: a <see cref="QueuedAppendTiming.Deferred"/> QoS 1 append completes as soon as its client
    /// acknowledges the message, and its row is written only if that takes longer than a few milliseconds
    /// (<see cref="DeferredRowWrites"/>).
    /// </summary>
    public Task AppendAsync(string clientId, StoredMqttMessage message, int limit, QueuedAppendTiming timing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var write = new QueuedRowWrite();
        var seq = QueueOf(clientId).Append(message, limit, write);
        var row = new MqttQueuedRow(clientId, seq, message.ToRow());
        if (timing == QueuedAppendTiming.Deferred && message.Qos == 1)
        {
            return _deferred.Add(row, limit, write);
        }

        // The changes waiting for a commit (acknowledged rows' deletes, QoS 1 identifiers) ride along: no commit of their own.
        var pending = TakePending();
        return _store.WriteAsync(
            transaction =>
            {
                WriteRow(transaction, row, limit, write);
                Apply(transaction, pending);
                return true;
            },
            timing == QueuedAppendTiming.Prompt ? CommitTiming.Prompt : CommitTiming.Gathered,
            cancellationToken);
    }

    /// <summary>Inserts an appended message's row unless it was withdrawn, with the identifier it was sent under when that came first.</summary>
    internal static void WriteRow(IMetadataTransaction transaction, MqttQueuedRow row, int limit, QueuedRowWrite write)
    {
        if (!write.TryWrite(out var sentPacketId))
        {
            return;
        }

        transaction.EnqueueMqttMessage(row, limit);
        if (sentPacketId is { } packetId)
        {
            transaction.SendMqttQueued(row.ClientId, row.Seq, packetId);
        }
    }

    /// <summary>
    /// The client acknowledged a message (PUBACK, or PUBCOMP for QoS 2): the oldest queued one with this topic and
    /// payload leaves the queue. Nothing happens for a message that was never queued (QoS 0, or a session that does
    /// not persist). The row's delete is not awaited: the broker awaits this inside the client's receive loop, and a
    /// commit per acknowledgement would hold every subscriber to one message per fsync. Deletes wait in a list that
    /// the next append takes into its own write, or that one flush writes at a time, all of it in one unit (so a burst
    /// of acknowledgements costs one commit). A crash before that commit delivers the message again after the restart,
    /// which QoS 1 allows (MQTT 5 §4.3.2: at least once).
    /// </summary>
    public void Acknowledged(string clientId, string topic, ReadOnlySpan<byte> payload)
    {
        if (!_queues.TryGetValue(clientId, out var queue) || queue.TakeOldest(topic, payload) is not { } taken)
        {
            return;
        }

        if (taken.Write?.TryWithdraw() == true)
        {
            Interlocked.Increment(ref _withdrawn);
            // No row, now or later. Only an identifier waiting for the next commit (SentLater) still names it; the
            // withdrawal drops that too. With nothing waiting there is nothing to drop, and no commit is needed.
            lock (_pendingGate)
            {
                if (_pending.Count > 0)
                {
                    _pending.Add(new PendingRowChange(clientId, taken.Seq, PendingRowChange.Kind.Withdrawn, 0));
                }
            }

            return;
        }

        lock (_pendingGate)
        {
            _pending.Add(new PendingRowChange(clientId, taken.Seq, PendingRowChange.Kind.Delete, 0));
            if (_flushing is not null)
            {
                return;
            }

            _flushing = Task.Run(FlushPendingAsync);
        }
    }

    /// <summary>
    /// The client answered a queued QoS 2 message with PUBREC under <paramref name="packetId"/>: the oldest queued one
    /// with this topic and payload not released yet is marked so, durably; completes once it is (the PUBREL waits for
    /// it, so a restart sends the PUBREL again and never the message, MQTT 5 §4.4). Nothing happens for a message
    /// that was never queued. One commit per PUBREC, with the changes waiting, as an append takes them.
    /// </summary>
    public Task ReleasedAsync(string clientId, string topic, ReadOnlySpan<byte> payload, ushort packetId)
    {
        if (!_queues.TryGetValue(clientId, out var queue) || queue.Release(topic, payload) is not { } seq)
        {
            return Task.CompletedTask;
        }

        var pending = TakePending();
        return _store.WriteAsync(
            transaction =>
            {
                transaction.ReleaseMqttQueued(clientId, seq, packetId);
                Apply(transaction, pending);
                return true;
            },
            CancellationToken.None);
    }

    /// <summary>
    /// A queued QoS 2 message is about to be sent to its client for the first time, under <paramref name="packetId"/>:
    /// the oldest queued one with this topic and payload not sent yet is marked so, durably; completes once it is (the
    /// PUBLISH waits for it, so a restart sends it again with DUP 1 under the same identifier, MQTT 5 §4.4, and a
    /// client that had it already knows it for the same message). Nothing happens for a message that was never
    /// queued. One commit per such send, with the changes waiting, as an append takes them.
    /// </summary>
    public Task SentAsync(string clientId, string topic, ReadOnlySpan<byte> payload, ushort packetId)
    {
        if (!_queues.TryGetValue(clientId, out var queue) || queue.Send(topic, payload) is not var (seq, _))
        {
            return Task.CompletedTask;
        }

        var pending = TakePending();
        return _store.WriteAsync(
            transaction =>
            {
                transaction.SendMqttQueued(clientId, seq, packetId);
                Apply(transaction, pending);
                return true;
            },
            CancellationToken.None);
    }

    /// <summary>
    /// A queued QoS 1 message leaves for the client for the first time under <paramref name="packetId"/>: the oldest
    /// queued one with this topic and payload not sent yet records it with the next commit, which the PUBLISH does not
    /// wait for (a commit per QoS 1 message would hold every subscriber to one message per fsync). A graceful stop
    /// writes it (<see cref="DrainAsync"/>), so the restarted broker sends the message again under the same
    /// identifier (MQTT 5 §4.4); after a crash a message sent in the last moment before it may go under a new one,
    /// which QoS 1 tolerates (§4.3.2: the client may get it twice either way).
    /// </summary>
    public void SentLater(string clientId, string topic, ReadOnlySpan<byte> payload, ushort packetId)
    {
        if (!_queues.TryGetValue(clientId, out var queue) || queue.Send(topic, payload) is not var (seq, write))
        {
            return;
        }

        if (write?.TryRecordSent(packetId) == true)
        {
            // Its row is not written yet: the insert carries the identifier.
            return;
        }

        lock (_pendingGate)
        {
            _pending.Add(new PendingRowChange(clientId, seq, PendingRowChange.Kind.Sent, packetId));
            if (_flushing is null)
            {
                _flushing = Task.Run(FlushPendingAsync);
            }
        }
    }

    /// <summary>Completes once every acknowledgement and QoS 1 identifier received so far is durable (a graceful stop, and tests).</summary>
    public async Task DrainAsync()
    {
        await _deferred.DrainAsync().ConfigureAwait(false);
        while (true)
        {
            Task? flushing;
            lock (_pendingGate)
            {
                flushing = _flushing;
                if (flushing is null && _pending.Count > 0)
                {
                    flushing = _flushing = Task.Run(FlushPendingAsync);
                }
            }

            if (flushing is null)
            {
                return;
            }

            await flushing.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The session is ending (its rows' delete is about to be queued): rows not written yet never will be, and the
    /// appends waiting for them settle (the session that was to deliver them is gone).
    /// </summary>
    public void WithdrawWaiting(string clientId)
    {
        if (_queues.TryGetValue(clientId, out var queue))
        {
            queue.WithdrawWaiting();
        }
    }

    /// <summary>The session ended: its rows went with it (DeleteMqttSession), so its index goes too.</summary>
    public void Forget(string clientId) => _queues.TryRemove(clientId, out _);

    private List<PendingRowChange>? TakePending()
    {
        lock (_pendingGate)
        {
            if (_pending.Count == 0)
            {
                return null;
            }

            var taken = _pending;
            _pending = [];
            return taken;
        }
    }

    /// <summary>
    /// In the order they came. A row marked sent and acknowledged (or withdrawn) within one batch is only deleted (or
    /// left alone): under load most QoS 1 messages are acknowledged before the commit that would record their
    /// identifier, which then costs nothing.
    /// </summary>
    private static void Apply(IMetadataTransaction transaction, List<PendingRowChange>? pending)
    {
        if (pending is null)
        {
            return;
        }

        HashSet<(string, long)>? gone = null;
        foreach (var change in pending)
        {
            if (change.Change != PendingRowChange.Kind.Sent)
            {
                (gone ??= []).Add((change.ClientId, change.Seq));
            }
        }

        foreach (var change in pending)
        {
            switch (change.Change)
            {
                case PendingRowChange.Kind.Sent when gone is null || !gone.Contains((change.ClientId, change.Seq)):
                    transaction.SendMqttQueued(change.ClientId, change.Seq, change.SentPacketId);
                    break;
                case PendingRowChange.Kind.Delete:
                    transaction.DeleteMqttQueued(change.ClientId, change.Seq);
                    break;
            }
        }
    }

    /// <summary>One flush at a time: what arrives while a flush commits goes into the next, one unit for all of it.</summary>
    private async Task FlushPendingAsync()
    {
        while (true)
        {
            List<PendingRowChange>? pending;
            lock (_pendingGate)
            {
                pending = _pending.Count == 0 ? null : _pending;
                if (pending is null)
                {
                    _flushing = null;
                    return;
                }

                _pending = [];
            }

            try
            {
                await _store.WriteAsync(transaction => { Apply(transaction, pending); return true; }, CommitTiming.Gathered, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The rows stay: their messages come again after a restart (at least once), maybe under new
                // identifiers. Give up for now; the next acknowledgement or send starts a new flush.
                DeleteFailed?.Invoke(exception);
                lock (_pendingGate)
                {
                    _flushing = null;
                }

                return;
            }
        }
    }

    private SessionQueue QueueOf(string clientId) => _queues.GetOrAdd(clientId, _ => new SessionQueue());

    /// <summary>One session's queued messages by seq, oldest first, each marked once sent (QoS 2) and once its PUBREC came.</summary>
    private sealed class SessionQueue
    {
        private readonly LinkedList<(long Seq, StoredMqttMessage Message, bool Released, bool Sent, QueuedRowWrite? Write)> _entries = new();
        private readonly Lock _gate = new();
        private long _lastSeq;

        // How many entries are released: while none is, an acknowledgement takes the first match without looking further.
        private int _released;

        // The last node of the run at the front whose entries are all sent or released (null: the run is empty). A
        // session's messages leave in order, so the one Send looks for is right after it: without it, each send
        // walked past every message in flight (up to Receive Maximum of them).
        private LinkedListNode<(long Seq, StoredMqttMessage Message, bool Released, bool Sent, QueuedRowWrite? Write)>? _sentThrough;

        /// <summary>Adds a message read from the store with its stored seq (its row exists: nothing to withdraw).</summary>
        public void Load(long seq, StoredMqttMessage message, bool released, bool sent)
        {
            lock (_gate)
            {
                _lastSeq = Math.Max(_lastSeq, seq);
                _entries.AddLast((seq, message, released, sent, null));
                _released += released ? 1 : 0;
                GrowSentRun();
            }
        }

        /// <summary>
        /// Adds a new message and drops the oldest past <paramref name="limit"/>; returns its seq. When some are
        /// dropped, the new row's insert is what deletes their rows (EnqueueMqttMessage trims), so it is pinned before
        /// any acknowledgement can withdraw it.
        /// </summary>
        public long Append(StoredMqttMessage message, int limit, QueuedRowWrite write)
        {
            lock (_gate)
            {
                _lastSeq++;
                _entries.AddLast((_lastSeq, message, false, false, write));
                GrowSentRun();
                if (_entries.First!.Value.Seq <= _lastSeq - limit)
                {
                    write.Pin();
                    DropThrough(_lastSeq - limit);
                }

                return _lastSeq;
            }
        }

        /// <summary>Marks the oldest unreleased entry with this topic and payload released; its seq, or null.</summary>
        public long? Release(string topic, ReadOnlySpan<byte> payload)
        {
            lock (_gate)
            {
                for (var node = _entries.First; node is not null; node = node.Next)
                {
                    var (seq, message, released, sent, write) = node.Value;
                    if (!released && string.Equals(message.Topic, topic, StringComparison.Ordinal) && payload.SequenceEqual(message.Payload))
                    {
                        node.Value = (seq, message, true, sent, write);
                        _released++;
                        GrowSentRun();
                        return seq;
                    }
                }

                return null;
            }
        }

        /// <summary>Marks the oldest entry with this topic and payload neither sent nor released sent; its seq and its row's pending insert, or null.</summary>
        public (long Seq, QueuedRowWrite? Write)? Send(string topic, ReadOnlySpan<byte> payload)
        {
            lock (_gate)
            {
                for (var node = _sentThrough is null ? _entries.First : _sentThrough.Next; node is not null; node = node.Next)
                {
                    var (seq, message, released, sent, write) = node.Value;
                    if (!released && !sent && string.Equals(message.Topic, topic, StringComparison.Ordinal) && payload.SequenceEqual(message.Payload))
                    {
                        node.Value = (seq, message, released, true, write);
                        GrowSentRun();
                        return (seq, write);
                    }
                }

                return null;
            }
        }

        /// <summary>Withdraws the write of every entry whose row is not started yet.</summary>
        public void WithdrawWaiting()
        {
            lock (_gate)
            {
                foreach (var entry in _entries)
                {
                    entry.Write?.TryWithdraw();
                }
            }
        }

        /// <summary>Under the gate: removes every entry up to <paramref name="lastDropped"/>.</summary>
        private void DropThrough(long lastDropped)
        {
            while (_entries.First is { } first && first.Value.Seq <= lastDropped)
            {
                _released -= first.Value.Released ? 1 : 0;
                // A row not written yet is not written at all; one written is deleted by the trim of the append that dropped it.
                first.Value.Write?.TryWithdraw();
                Remove(first);
            }
        }

        /// <summary>
        /// Removes the oldest entry with this topic and payload, a released one first (a PUBCOMP completes the
        /// exchange its PUBREC released); its seq and its row's pending insert (null when loaded from the store), or null.
        /// </summary>
        public (long Seq, QueuedRowWrite? Write)? TakeOldest(string topic, ReadOnlySpan<byte> payload)
        {
            lock (_gate)
            {
                LinkedListNode<(long Seq, StoredMqttMessage Message, bool Released, bool Sent, QueuedRowWrite? Write)>? match = null;
                for (var node = _entries.First; node is not null; node = node.Next)
                {
                    var message = node.Value.Message;
                    if (string.Equals(message.Topic, topic, StringComparison.Ordinal) && payload.SequenceEqual(message.Payload))
                    {
                        match ??= node;
                        if (_released == 0 || node.Value.Released)
                        {
                            match = node;
                            break;
                        }
                    }
                }

                if (match is null)
                {
                    return null;
                }

                Remove(match);
                _released -= match.Value.Released ? 1 : 0;
                return (match.Value.Seq, match.Value.Write);
            }
        }

        /// <summary>Under the gate: removes a node, keeping the sent run's end on a node still in the list.</summary>
        private void Remove(LinkedListNode<(long Seq, StoredMqttMessage Message, bool Released, bool Sent, QueuedRowWrite? Write)> node)
        {
            if (node == _sentThrough)
            {
                _sentThrough = node.Previous;
            }

            _entries.Remove(node);
            GrowSentRun();
        }

        /// <summary>Under the gate: the sent run grows over every sent or released entry right after it (after a mark, an append or a removal).</summary>
        private void GrowSentRun()
        {
            for (var next = _sentThrough is null ? _entries.First : _sentThrough.Next; next is not null && (next.Value.Sent || next.Value.Released); next = next.Next)
            {
                _sentThrough = next;
            }
        }
    }
}
