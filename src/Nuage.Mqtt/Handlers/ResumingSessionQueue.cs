using System.Runtime.CompilerServices;
using MQTTnet;
using Nuage.Iot.Broker;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// What a session from before the restart has waiting for its client (docs/iot.md "Persistence"): the messages the
/// store held for it at start and those published since that its stored subscriptions match, until they are handed
/// to the session MQTTnet holds once its client is back (<see cref="HandOver"/>).
/// <para>
/// MQTTnet rebuilds the session's subscriptions after CONNACK (SessionPersistenceHandler), and the session goes on
/// waiting until its messages are handed over, so a message published meanwhile is queued here and may also be
/// dispatched by MQTTnet through a subscription already back. Each message queued here is known by the instance
/// MQTTnet dispatches (<see cref="QueuedHere"/>), and reaches the client from here only: in order with the others
/// queued, none lost in that moment, none twice.
/// </para>
/// </summary>
public sealed class ResumingSessionQueue
{
    private readonly Lock _gate = new();
    private readonly List<(StoredMqttMessage Message, ushort? ReleasedPacketId, ushort? SentPacketId)> _entries;

    // Messages published since the restart and queued here, by the instance MQTTnet dispatches (weakly: a dispatched
    // message is gone once every session has it).
    private readonly ConditionalWeakTable<MqttApplicationMessage, object> _published = new();
    private bool _handedOver;

    public ResumingSessionQueue(IEnumerable<(StoredMqttMessage Message, ushort? ReleasedPacketId, ushort? SentPacketId)> loaded)
    {
        _entries = [.. loaded];
    }

    /// <summary>
    /// Queues a message published since the restart, unless its messages were handed over or the session no longer
    /// waits (<paramref name="stillWaiting"/> is asked under the same lock as the hand-over). False if not queued.
    /// </summary>
    public bool TryAdd(StoredMqttMessage stored, MqttApplicationMessage published, Func<bool> stillWaiting)
    {
        lock (_gate)
        {
            if (_handedOver || !stillWaiting())
            {
                return false;
            }

            _entries.Add((stored, null, null));
            _published.AddOrUpdate(published, stored);
            return true;
        }
    }

    /// <summary>
    /// MQTTnet is about to queue <paramref name="published"/> for this session through a subscription: true when the
    /// message was queued here, so it reaches the client from here and MQTTnet must not queue it too.
    /// </summary>
    public bool QueuedHere(MqttApplicationMessage published)
    {
        lock (_gate)
        {
            return _published.Remove(published);
        }
    }

    /// <summary>
    /// Once: the messages to give the resumed session, oldest first, at most <paramref name="limit"/> (the newest; the
    /// store kept the newest too). <paramref name="endWaiting"/> runs under the same lock, so a message published
    /// from then on is MQTTnet's alone to deliver. Empty the second time.
    /// </summary>
    public IReadOnlyList<(StoredMqttMessage Message, ushort? ReleasedPacketId, ushort? SentPacketId)> HandOver(int limit, Action endWaiting)
    {
        lock (_gate)
        {
            endWaiting();
            if (_handedOver)
            {
                return [];
            }

            _handedOver = true;
            List<(StoredMqttMessage, ushort?, ushort?)> handed = _entries.Count > limit ? _entries[^limit..] : [.. _entries];
            // The emptied queue stays until its session ends (late dispatches ask it): without its array.
            _entries.Clear();
            _entries.TrimExcess();
            return handed;
        }
    }
}
