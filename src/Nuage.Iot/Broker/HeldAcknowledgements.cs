using System.Collections.Concurrent;

namespace Nuage.Iot.Broker;

/// <summary>
/// What each PUBACK or PUBREC to a publisher waits for: the appends its own PUBLISH made to the queues of persistent
/// sessions (<see cref="QueuedMessageStore.AppendAsync"/>, by the broker's offline queue handler), keyed by that
/// PUBLISH's packet identifier. MQTTnet handles one connection's inbound packets one at a time and dispatches a
/// PUBLISH, calling the enqueue interceptor for each receiver, before it reads the next packet
/// (MqttConnectedClient.HandleIncomingPublishPacket), so an append made during a dispatch belongs to the PUBLISH read
/// last (<see cref="Reading"/>).
/// <para>
/// Keyed by packet identifier, an acknowledgement waits for its own message's commit only. Waiting instead for every
/// append made so far, as the send loop found them, made each PUBACK wait for the commit of PUBLISHes read after it:
/// under a steady stream the PUBACKs left about one per commit, and a publisher's window refilled slowly.
/// </para>
/// <para>
/// Keyed by client id, as MQTTnet's events name a connection. When a new connection takes an id over, the old one reads
/// no further packet (MQTTnet checks before each), so only a PUBLISH it was dispatching at that moment can append
/// after the new connection's <see cref="Reading"/>: that append then also holds the new PUBLISH's acknowledgement
/// (a wait longer than needed, never shorter), and the old one's acknowledgement goes to a stopped connection.
/// </para>
/// </summary>
public sealed class HeldAcknowledgements
{
    private readonly ConcurrentDictionary<string, Publisher> _publishers = new(StringComparer.Ordinal);

    /// <summary>The client's connection read a QoS 1 or 2 PUBLISH: the appends that follow are its own.</summary>
    public void Reading(string clientId, ushort packetId)
    {
        var publisher = _publishers.GetOrAdd(clientId, static _ => new Publisher());
        lock (publisher)
        {
            publisher.Current = packetId;
            // What an earlier PUBLISH with this identifier left here and is finished belongs to an acknowledgement that
            // was never sent (its connection ended first). The message this one resends, or a new one, is decided by
            // its own appends: a failed earlier append must not withhold every later PUBACK of the identifier. One
            // still running is kept: the acknowledgement waits for it too.
            if (publisher.Held.TryGetValue(packetId, out var earlier) && earlier.IsCompleted)
            {
                publisher.Held.Remove(packetId);
            }
        }
    }

    /// <summary>An append for the PUBLISH the client's connection is dispatching: its PUBACK or PUBREC waits for it.</summary>
    public void Hold(string clientId, Task append)
    {
        var publisher = _publishers.GetOrAdd(clientId, static _ => new Publisher());
        lock (publisher)
        {
            // Several receivers, or the same message sent again after a reconnect while its first appends are still
            // held (§4.4): the acknowledgement waits for all of them.
            var id = publisher.Current;
            publisher.Held[id] = publisher.Held.TryGetValue(id, out var earlier) && !earlier.IsCompletedSuccessfully
                ? Task.WhenAll(earlier, append)
                : append;
        }
    }

    /// <summary>The acknowledgement of <paramref name="packetId"/> is about to leave: what it waits for, or null.</summary>
    public Task? Take(string clientId, ushort packetId)
    {
        if (!_publishers.TryGetValue(clientId, out var publisher))
        {
            return null;
        }

        lock (publisher)
        {
            return publisher.Held.Remove(packetId, out var held) ? held : null;
        }
    }

    /// <summary>The client's session ended: an acknowledgement its last connection never sent waits for nothing now.</summary>
    public void Forget(string clientId) => _publishers.TryRemove(clientId, out _);

    private sealed class Publisher
    {
        public ushort Current;

        public readonly Dictionary<ushort, Task> Held = [];
    }
}
