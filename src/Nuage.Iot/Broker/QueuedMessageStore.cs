using System.Collections.Concurrent;
using Nuage.Metadata;

namespace Nuage.Iot.Broker;

/// <summary>
/// Messages queued for persistent sessions whose client is away, kept durably (schema 021) so that they survive a
/// restart of the process (MQTT 5 §3.1.2.4 and §4.1: the session state holds the QoS 1 and 2 messages pending
/// transmission to the client). An append completes when its group commit is durable. Each session's queue is also
/// indexed in memory, in order, so an acknowledgement finds its row without a read: the broker delivers one
/// session's messages in order (§4.6), so the oldest row with the acknowledged message's topic and payload is the one.
/// </summary>
public sealed class QueuedMessageStore(IMetadataStore store)
{
    private readonly ConcurrentDictionary<string, SessionQueue> _queues = new(StringComparer.Ordinal);

    /// <summary>Reads every stored queue (once, at start); what was queued before the restart, by session, in order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StoredMqttMessage>>> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ListMqttQueuedAsync(cancellationToken).ConfigureAwait(false);
        var loaded = new Dictionary<string, IReadOnlyList<StoredMqttMessage>>(StringComparer.Ordinal);
        _queues.Clear();
        foreach (var group in rows.GroupBy(row => row.ClientId, StringComparer.Ordinal))
        {
            var queue = QueueOf(group.Key);
            var messages = new List<StoredMqttMessage>();
            foreach (var row in group)
            {
                var message = StoredMqttMessage.FromRow(row.Message);
                queue.Add(row.Seq, message);
                messages.Add(message);
            }

            loaded[group.Key] = messages;
        }

        return loaded;
    }

    /// <summary>Appends a message to the session's queue; completes once it is durable.</summary>
    public Task AppendAsync(string clientId, StoredMqttMessage message, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = QueueOf(clientId);
        var seq = queue.Add(null, message);
        var row = new MqttQueuedRow(clientId, seq, message.ToRow());
        queue.TrimTo(seq - limit);
        return store.WriteAsync(transaction => { transaction.EnqueueMqttMessage(row, limit); return true; }, cancellationToken);
    }

    /// <summary>
    /// The client acknowledged a message (PUBACK, or PUBCOMP for QoS 2): the oldest queued one with this topic and
    /// payload leaves the queue. Nothing happens for a message that was never queued (the client was connected).
    /// </summary>
    public Task AcknowledgedAsync(string clientId, string topic, ReadOnlySpan<byte> payload, CancellationToken cancellationToken)
    {
        if (!_queues.TryGetValue(clientId, out var queue) || queue.TakeOldest(topic, payload) is not { } seq)
        {
            return Task.CompletedTask;
        }

        return store.WriteAsync(transaction => transaction.DeleteMqttQueued(clientId, seq), cancellationToken);
    }

    /// <summary>The session ended: its rows went with it (DeleteMqttSession), so its index goes too.</summary>
    public void Forget(string clientId) => _queues.TryRemove(clientId, out _);

    private SessionQueue QueueOf(string clientId) => _queues.GetOrAdd(clientId, _ => new SessionQueue());

    /// <summary>One session's queued messages by seq, oldest first.</summary>
    private sealed class SessionQueue
    {
        private readonly LinkedList<(long Seq, StoredMqttMessage Message)> _entries = new();
        private readonly Lock _gate = new();
        private long _lastSeq;

        /// <summary>Adds a message with its stored seq, or (null) the next one; returns the seq.</summary>
        public long Add(long? seq, StoredMqttMessage message)
        {
            lock (_gate)
            {
                _lastSeq = Math.Max(_lastSeq, seq ?? _lastSeq + 1);
                _entries.AddLast((_lastSeq, message));
                return _lastSeq;
            }
        }

        public void TrimTo(long lastDropped)
        {
            lock (_gate)
            {
                while (_entries.First is { } first && first.Value.Seq <= lastDropped)
                {
                    _entries.RemoveFirst();
                }
            }
        }

        public long? TakeOldest(string topic, ReadOnlySpan<byte> payload)
        {
            lock (_gate)
            {
                for (var node = _entries.First; node is not null; node = node.Next)
                {
                    var message = node.Value.Message;
                    if (string.Equals(message.Topic, topic, StringComparison.Ordinal) && payload.SequenceEqual(message.Payload))
                    {
                        _entries.Remove(node);
                        return node.Value.Seq;
                    }
                }

                return null;
            }
        }
    }
}
