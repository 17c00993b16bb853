using System.Runtime.CompilerServices;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Nuage.Mqtt.Outbound;

/// <summary>
/// One session's QoS 1 and 2 PUBLISHes that the broker handed to a connection and the client has not completely
/// acknowledged (MQTT 5 §4.3.2, §4.3.3): each one's packet identifier on the wire, and, for QoS 2, whether the
/// client's PUBREC came (the message is then the client's, and only the PUBREL/PUBCOMP half of the exchange is left).
/// </summary>
/// <remarks>
/// MQTTnet's session keeps the unacknowledged PUBLISH objects and, when the session is resumed
/// (<c>MqttSession.Recover</c>), sends each again as a PUBLISH under a new packet identifier. MQTT 5 §4.4 asks for the
/// same identifier, and for a QoS 2 message whose PUBREC was received, for the PUBREL again, not the PUBLISH:
/// a client told of the same message under a new identifier cannot know it has it, and delivers it twice. So the wire
/// identifier of a packet is the one it was first sent with, whatever MQTTnet's is now; the connection's channel
/// translates between the two, both ways, so every MQTTnet hook sees MQTTnet's identifiers and the client sees its own.
/// Packets are told apart by reference: the object MQTTnet resends is the one it sent. After a restart the stored
/// queue's sent and released messages are new packets: each is known by MQTTnet's identifier (<see cref="Restore"/>)
/// until sent.
/// </remarks>
internal sealed class SessionOutboundExchanges
{
    private readonly Lock _lock = new();
    private readonly Dictionary<MqttPublishPacket, OutboundExchange> _byPacket = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ushort, OutboundExchange> _byWire = [];
    private readonly Dictionary<ushort, OutboundExchange> _byBroker = [];

    // Held only as long as MQTTnet holds the packet (its list, its queue).
    private readonly ConditionalWeakTable<MqttPublishPacket, OutboundExchange> _completed = [];

    // QoS 1 and 2 messages restored from the store after a restart, sent (and maybe released) before it, by MQTTnet's
    // identifier, with their wire identifiers; those identifiers are kept free for them until they are sent.
    private readonly Dictionary<ushort, (ushort WireId, bool Released)> _restored = [];
    private readonly HashSet<ushort> _reserved = [];

    /// <summary>
    /// A QoS 1 or 2 message restored from the store that was sent before the restart under <paramref name="wireId"/>, and
    /// <paramref name="released"/> when its PUBREC came, just queued by MQTTnet as <paramref name="brokerId"/> (before
    /// the connection's sending starts).
    /// </summary>
    public void Restore(ushort brokerId, ushort wireId, bool released)
    {
        lock (_lock)
        {
            _restored[brokerId] = (wireId, released);
            _reserved.Add(wireId);
        }
    }

    /// <summary>Whether the client answered <paramref name="publish"/> (QoS 2, sent before) with PUBREC: its PUBREL goes instead (§4.4).</summary>
    public bool IsReleased(MqttPublishPacket publish)
    {
        lock (_lock)
        {
            if (_byPacket.TryGetValue(publish, out var exchange))
            {
                if (!exchange.Released)
                {
                    return false;
                }

                Rekey(exchange, publish.PacketIdentifier);
                return true;
            }

            if (_restored.Count == 0 || !_restored.TryGetValue(publish.PacketIdentifier, out var restored) || !restored.Released)
            {
                // One sent but not released is taken back by Sending, as a PUBLISH.
                return false;
            }

            // Sent before the restart and released: it takes its identifier back, as an exchange of this session.
            _restored.Remove(publish.PacketIdentifier);
            TakeBack(publish, restored.WireId).Released = true;
            return true;
        }
    }

    /// <summary>A restored message takes its wire identifier back (another exchange's now, a free one), as an exchange of this session.</summary>
    private OutboundExchange TakeBack(MqttPublishPacket publish, ushort wireId)
    {
        _reserved.Remove(wireId);
        var exchange = new OutboundExchange(publish, publish.PacketIdentifier, _byWire.ContainsKey(wireId) ? FreeWireId(wireId) : wireId);
        _byPacket[publish] = exchange;
        _byWire[exchange.WireId] = exchange;
        ClaimBrokerId(exchange);
        return exchange;
    }

    /// <summary>
    /// MQTTnet hands <paramref name="publish"/> (QoS 1 or 2) to the connection, for the first time or again; one
    /// leaving for the first time is told to <paramref name="firstSending"/>, whose task its PUBLISH waits for (the
    /// identifier durable for QoS 2; already complete for QoS 1, whose identifier is stored with the next commit).
    /// </summary>
    public void Sending(MqttPublishPacket publish, Func<MqttPublishPacket, ushort, Task>? firstSending)
    {
        lock (_lock)
        {
            if (_byPacket.TryGetValue(publish, out var exchange))
            {
                Rekey(exchange, publish.PacketIdentifier);
                return;
            }

            if (_restored.Count > 0 && _restored.Remove(publish.PacketIdentifier, out var restored))
            {
                // Sent before the restart under that identifier (schema 029), which is stored already: §4.4.
                TakeBack(publish, restored.WireId);
                return;
            }

            exchange = new OutboundExchange(publish, publish.PacketIdentifier, FreeWireId(publish.PacketIdentifier));
            _byPacket[publish] = exchange;
            _byWire[exchange.WireId] = exchange;
            ClaimBrokerId(exchange);
            exchange.SentDurable = firstSending?.Invoke(publish, exchange.WireId);
        }
    }

    /// <summary>The identifier to write for a PUBLISH or PUBREL that carries MQTTnet's <paramref name="brokerId"/>.</summary>
    public ushort ToWire(ushort brokerId)
    {
        lock (_lock)
        {
            return _byBroker.TryGetValue(brokerId, out var exchange) ? exchange.WireId : brokerId;
        }
    }

    /// <summary>What a QoS 2 PUBLISH for MQTTnet's <paramref name="brokerId"/> waits for: its identifier durable in the store, if it is stored.</summary>
    public Task? SentDurable(ushort brokerId)
    {
        lock (_lock)
        {
            return _byBroker.TryGetValue(brokerId, out var exchange) ? exchange.SentDurable : null;
        }
    }

    /// <summary>What a PUBREL for MQTTnet's <paramref name="brokerId"/> waits for: its release durable in the store, if it is stored.</summary>
    public Task? ReleaseDurable(ushort brokerId)
    {
        lock (_lock)
        {
            return _byBroker.TryGetValue(brokerId, out var exchange) ? exchange.Durable : null;
        }
    }

    /// <summary>
    /// A PUBACK, PUBREC or PUBCOMP from the client: returns MQTTnet's identifier for the <paramref name="wireId"/> it
    /// carries, and ends the exchange (PUBACK, PUBCOMP, or a PUBREC with a reason code of 0x80 or more, §4.3.3) or
    /// marks the message released (PUBREC).
    /// </summary>
    /// <remarks>
    /// MQTTnet's identifier is read from the packet itself, not remembered: when a client resumes its session while
    /// the old connection's last acknowledgements are still being read (a takeover), MQTTnet has already renumbered
    /// the packets it will resend (<c>Recover</c>), and only the packet's identifier now finds it in MQTTnet's list.
    /// A completed packet is remembered, so that its resend, already queued, is not sent (<see cref="IsCompleted"/>).
    /// An acknowledgement of no exchange here (a repeat) gets identifier 0, which no QoS 1/2 packet of MQTTnet has,
    /// so it acknowledges nothing; a PUBREC keeps its own, which MQTTnet answers with PUBREL as §4.3.3 asks.
    /// </remarks>
    public ushort Acknowledged(MqttPacket packet, ushort wireId, Func<MqttPublishPacket, ushort, Task>? releasing)
    {
        var released = packet is MqttPubRecPacket { ReasonCode: < MqttPubRecReasonCode.UnspecifiedError };
        lock (_lock)
        {
            if (!_byWire.TryGetValue(wireId, out var exchange))
            {
                return packet is MqttPubRecPacket ? wireId : (ushort)0;
            }

            if (released)
            {
                if (!exchange.Released)
                {
                    exchange.Released = true;
                    exchange.Durable = releasing?.Invoke(exchange.Packet, wireId);
                }
            }
            else
            {
                _byPacket.Remove(exchange.Packet);
                _byWire.Remove(wireId);
                RemoveBroker(exchange);
                _completed.AddOrUpdate(exchange.Packet, exchange);
            }

            return exchange.Packet.PacketIdentifier;
        }
    }

    /// <summary>Whether the client completed <paramref name="publish"/> already (acknowledged while MQTTnet queued it again).</summary>
    public bool IsCompleted(MqttPublishPacket publish)
    {
        lock (_lock)
        {
            return _completed.TryGetValue(publish, out _);
        }
    }

    /// <summary>Sent before (a resumed session): MQTTnet may have given the packet a new identifier since.</summary>
    private void Rekey(OutboundExchange exchange, ushort brokerId)
    {
        if (exchange.BrokerId != brokerId)
        {
            RemoveBroker(exchange);
            exchange.BrokerId = brokerId;
            ClaimBrokerId(exchange);
        }
    }

    private void ClaimBrokerId(OutboundExchange exchange)
    {
        if (_byBroker.TryGetValue(exchange.BrokerId, out var holder) && !ReferenceEquals(holder, exchange))
        {
            // MQTTnet reused an identifier of a packet still here (its identifiers wrap at 65,535 and skip none in
            // use): MQTTnet can no longer tell the older one apart either, so it is dropped here too.
            _byPacket.Remove(holder.Packet);
            _byWire.Remove(holder.WireId);
        }

        _byBroker[exchange.BrokerId] = exchange;
    }

    private void RemoveBroker(OutboundExchange exchange)
    {
        if (_byBroker.TryGetValue(exchange.BrokerId, out var current) && ReferenceEquals(current, exchange))
        {
            _byBroker.Remove(exchange.BrokerId);
        }
    }

    /// <summary>MQTTnet's identifier when no unacknowledged message uses it on the wire; otherwise the next free one.</summary>
    private ushort FreeWireId(ushort brokerId)
    {
        var candidate = brokerId;
        while (_byWire.ContainsKey(candidate) || _reserved.Contains(candidate))
        {
            // Identifiers are 1 to 65,535 (§2.2.1); MQTTnet's session queue limit keeps far fewer in flight.
            candidate = candidate == ushort.MaxValue ? (ushort)1 : (ushort)(candidate + 1);
        }

        return candidate;
    }
}
