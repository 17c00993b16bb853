using System.Collections.Concurrent;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Nuage.Mqtt.Outbound;

/// <summary>
/// The broker's half of each session's outbound QoS 1 and 2 exchanges (<see cref="SessionOutboundExchanges"/>), by
/// session: <see cref="Handlers.OutboundTopicHandler"/> reports each QoS 1/2 PUBLISH MQTTnet sends and turns a released
/// QoS 2 one into its PUBREL; the connection's channel (<see cref="Channels.AccountScopedChannelAdapter"/>) writes each
/// with its wire identifier and reads the client's acknowledgements back into MQTTnet's (docs/iot.md "Flow control
/// and topic aliases", resends).
/// </summary>
/// <remarks>
/// In memory, but for a persistent session's stored QoS 2 messages: their identifier is stored before their first
/// PUBLISH and their PUBREC before the PUBREL (schemas 029, 028), so a restart resends them under it (docs/iot.md).
/// </remarks>
public sealed class OutboundExchanges(Handlers.SessionPersistenceHandler sessions)
{
    private readonly ConcurrentDictionary<string, SessionOutboundExchanges> _sessions = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="publish"/>, about to be sent to <paramref name="clientId"/> again, is a QoS 2 message the
    /// client answered with PUBREC already (on an earlier connection of the session): then its PUBREL goes instead, §4.4.
    /// </summary>
    public bool IsReleased(string clientId, MqttPublishPacket publish)
    {
        ArgumentNullException.ThrowIfNull(publish);
        return publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce
            && _sessions.TryGetValue(clientId, out var session) && session.IsReleased(publish);
    }

    /// <summary>
    /// Whether the client completed <paramref name="publish"/> (PUBACK, PUBCOMP) after MQTTnet queued it again for a
    /// resumed session: it is not sent (it left MQTTnet's list with that acknowledgement).
    /// </summary>
    public bool IsCompleted(string clientId, MqttPublishPacket publish)
    {
        ArgumentNullException.ThrowIfNull(publish);
        return publish.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce
            && _sessions.TryGetValue(clientId, out var session) && session.IsCompleted(publish);
    }

    /// <summary>
    /// Told when a client answers a QoS 2 message with PUBREC for the first time; the PUBREL waits for the task it
    /// returns (the offline queue marks the stored message released, durably).
    /// </summary>
    public Func<string, MqttPublishPacket, ushort, Task>? Releasing { get; set; }

    /// <summary>
    /// Told when a QoS 1 or 2 message leaves for a client for the first time; its PUBLISH waits for the task it returns
    /// (the offline queue records its packet identifier in the stored message: durably first for QoS 2, with the next
    /// commit for QoS 1).
    /// </summary>
    public Func<string, MqttPublishPacket, ushort, Task>? FirstSending { get; set; }

    /// <summary>A QoS 1 or 2 message restored after a restart, sent (or, QoS 2, released) before it (see <see cref="SessionOutboundExchanges.Restore"/>).</summary>
    public void Restore(string clientId, ushort brokerId, ushort wireId, bool released) =>
        _sessions.GetOrAdd(clientId, _ => new SessionOutboundExchanges()).Restore(brokerId, wireId, released);

    /// <summary>MQTTnet sends the QoS 1 or 2 <paramref name="publish"/> to <paramref name="clientId"/> (for the first time, or again).</summary>
    public void Sending(string clientId, MqttPublishPacket publish)
    {
        ArgumentNullException.ThrowIfNull(publish);
        if (publish.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
        {
            var sending = FirstSending;
            _sessions.GetOrAdd(clientId, _ => new SessionOutboundExchanges()).Sending(
                publish, sending is null ? null : (packet, wireId) => sending(clientId, packet, wireId));
        }
    }

    /// <summary>
    /// A packet about to be written to <paramref name="clientId"/>: a QoS 1/2 PUBLISH or a PUBREL gets its wire
    /// identifier. Returns what it must wait for first, or null: for a PUBREL its release durable, for a QoS 2
    /// PUBLISH its identifier durable (schema 029).
    /// </summary>
    public Task? Writing(string clientId, MqttPacket packet)
    {
        if (!_sessions.TryGetValue(clientId, out var session))
        {
            return null;
        }

        switch (packet)
        {
            case MqttPublishPacket { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce } publish:
                var sent = session.SentDurable(publish.PacketIdentifier);
                publish.PacketIdentifier = session.ToWire(publish.PacketIdentifier);
                return sent;
            case MqttPubRelPacket release:
                var durable = session.ReleaseDurable(release.PacketIdentifier);
                release.PacketIdentifier = session.ToWire(release.PacketIdentifier);
                return durable;
            default:
                return null;
        }
    }

    /// <summary>A packet read from <paramref name="clientId"/>'s connection: a PUBACK, PUBREC or PUBCOMP gets MQTTnet's identifier back.</summary>
    public void Reading(string clientId, MqttPacket packet)
    {
        if (packet is not (MqttPubAckPacket or MqttPubRecPacket or MqttPubCompPacket) || !_sessions.TryGetValue(clientId, out var session))
        {
            return;
        }

        var acknowledgement = (MqttPacketWithIdentifier)packet;
        var releasing = Releasing;
        acknowledgement.PacketIdentifier = session.Acknowledged(
            packet, acknowledgement.PacketIdentifier, releasing is null ? null : (publish, wireId) => releasing(clientId, publish, wireId));
    }

    /// <summary>ClientConnectedAsync, after the session handler: a new session (clean start, none to resume) starts with no exchanges.</summary>
    public Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!sessions.Resumed(e.ClientId))
        {
            _sessions.TryRemove(e.ClientId, out _);
        }

        return Task.CompletedTask;
    }

    public Task DeletedAsync(SessionDeletedEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _sessions.TryRemove(e.Id, out _);
        return Task.CompletedTask;
    }
}
