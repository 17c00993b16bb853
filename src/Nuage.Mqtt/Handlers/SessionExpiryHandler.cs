using System.Collections.Concurrent;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Mqtt.Channels;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Keeps the expiry of an MQTT 5 session MQTTnet holds in memory on the interval the protocol says applies: the one the
/// latest CONNECT gave (§3.1.2.11.2), or the DISCONNECT's when it gave one (§3.14.2.2.2). MQTTnet 5 expires a session
/// by the Session Expiry Interval of the CONNECT packet that created it, read when the client comes back, and never
/// looks at a later one. That packet is kept in the session's items when MQTTnet creates the session with this
/// connection's items, and its interval is set to the one that applies.
/// </summary>
/// <remarks>
/// A DISCONNECT's explicit 0, which ends the session at once, is handled where the packet's bytes are known
/// (<see cref="AccountScopedChannelAdapter"/>); the store's copy of the session follows <see cref="SessionPersistenceHandler"/>.
/// </remarks>
public sealed class SessionExpiryHandler(SessionPersistenceHandler sessions)
{
    private const string CreatingConnectKey = "nuage.session.creating-connect";

    // The CONNECT of each connection between its validation and its connected event, where the session is known.
    private readonly ConcurrentDictionary<string, MqttConnectPacket> _connecting = new(StringComparer.Ordinal);

    public Task ValidatedAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode == MqttConnectReasonCode.Success && e.ProtocolVersion == MqttProtocolVersion.V500
            && e.ChannelAdapter is AccountScopedChannelAdapter { Connect: { } connect })
        {
            // Becomes the session's items only if MQTTnet creates the session for this connection.
            e.SessionItems[CreatingConnectKey] = connect;
            _connecting[e.ClientId] = connect;
        }

        return Task.CompletedTask;
    }

    public Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        if (_connecting.TryRemove(e.ClientId, out var connect)
            && e.SessionItems[CreatingConnectKey] is MqttConnectPacket creating
            && !ReferenceEquals(creating, connect)
            && connect.SessionExpiryInterval > 0)
        {
            // A resumed session: the interval of this CONNECT applies from now on. (0 needs nothing: MQTTnet ends the
            // session with the connection by this connection's CONNECT.)
            creating.SessionExpiryInterval = connect.SessionExpiryInterval;
        }

        return Task.CompletedTask;
    }

    public Task InboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is not MqttDisconnectPacket { SessionExpiryInterval: > 0 } disconnect)
        {
            return Task.CompletedTask;
        }

        if (!sessions.Persists(e.ClientId))
        {
            // §3.14.2.2.2: a non-zero interval in the DISCONNECT of a connection whose CONNECT gave 0 is a protocol
            // error; the session ends with the connection, as its CONNECT asked.
            disconnect.SessionExpiryInterval = 0;
        }
        else if (e.SessionItems[CreatingConnectKey] is MqttConnectPacket creating)
        {
            creating.SessionExpiryInterval = disconnect.SessionExpiryInterval;
        }

        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // A CONNECT accepted but never connected (MQTTnet refused it after validation) leaves nothing behind.
        _connecting.TryRemove(e.ClientId, out _);
        return Task.CompletedTask;
    }
}
