using System.Collections.Concurrent;
using Nuage.Metadata;

namespace Nuage.Iot.Broker;

/// <summary>
/// The QoS 2 PUBLISHes each session's client has sent that the broker answered with PUBREC and whose PUBREL has not
/// arrived, by packet identifier. MQTT 5 §4.3.3 (3.1.1 §4.3.3 alike): until that PUBREL the receiver "MUST respond to
/// any subsequent PUBLISH packet with the same Packet Identifier by sending a PUBREC" and "MUST NOT cause duplicate
/// messages to be delivered to any onward recipients"; §4.1 puts these identifiers in the session state. MQTTnet 5
/// keeps none of it (it delivers every PUBLISH it reads), so the broker does. For a persistent session each identifier
/// is also durable (schema 026): written before its PUBREC is sent, deleted before its PUBCOMP is (a stale row would
/// swallow the client's next message under that identifier), and its rows go with the session (DeleteMqttSession).
/// </summary>
public sealed class ReceivedQos2Store(IMetadataStore store)
{
    private readonly ConcurrentDictionary<string, HashSet<ushort>> _sessions = new(StringComparer.Ordinal);

    /// <summary>Reads what was pending when the process stopped (once, at start, after expired sessions were deleted).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _sessions.Clear();
        foreach (var row in await store.ListMqttReceivedQos2Async(cancellationToken).ConfigureAwait(false))
        {
            var pending = _sessions.GetOrAdd(row.ClientId, _ => []);
            lock (pending)
            {
                pending.Add((ushort)row.PacketId);
            }
        }
    }

    /// <summary>A QoS 2 PUBLISH arrived: true when it starts an exchange, false when its identifier's exchange is still open (a repeat).</summary>
    public bool TryBegin(string clientId, ushort packetId)
    {
        var pending = _sessions.GetOrAdd(clientId, _ => []);
        lock (pending)
        {
            return pending.Add(packetId);
        }
    }

    /// <summary>Whether the exchange of this identifier is open (PUBREC sent or about to be, no PUBREL yet).</summary>
    public bool IsOpen(string clientId, ushort packetId)
    {
        if (!_sessions.TryGetValue(clientId, out var pending))
        {
            return false;
        }

        lock (pending)
        {
            return pending.Contains(packetId);
        }
    }

    /// <summary>Makes an open exchange durable; completes once committed.</summary>
    public Task RecordAsync(string clientId, ushort packetId, CancellationToken cancellationToken)
    {
        var row = new MqttReceivedQos2Row(clientId, packetId);
        return store.WriteAsync(transaction => { transaction.PutMqttReceivedQos2(row); return true; }, cancellationToken);
    }

    /// <summary>The exchange ended (PUBREL, or a PUBREC refusing the message): the identifier is free again. True when it was open.</summary>
    public bool End(string clientId, ushort packetId)
    {
        if (!_sessions.TryGetValue(clientId, out var pending))
        {
            return false;
        }

        lock (pending)
        {
            return pending.Remove(packetId);
        }
    }

    /// <summary>Removes an ended exchange's row; completes once committed.</summary>
    public Task ForgetAsync(string clientId, ushort packetId, CancellationToken cancellationToken)
    {
        var row = new MqttReceivedQos2Row(clientId, packetId);
        return store.WriteAsync(transaction => transaction.DeleteMqttReceivedQos2(row), cancellationToken);
    }

    /// <summary>The session ended or started anew: its exchanges go (their rows went with the session's, DeleteMqttSession).</summary>
    public void ForgetSession(string clientId) => _sessions.TryRemove(clientId, out _);
}
