using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Mqtt.Channels;

namespace Nuage.Mqtt.Wills;

/// <summary>
/// The will of a connection taken over by a new CONNECT of its client id (MQTT 5 §3.1.4: "If the existing Client has
/// a Will Message, that Will Message is published as described in section 3.1.2.5"; 3.1.1 §3.1.4, [MQTT-3.1.4-2]),
/// which MQTTnet 5 never sends (<c>MqttConnectedClient.RunAsync</c> skips a connection marked taken over). It is sent,
/// at once, when the takeover ends the old connection's session: the new CONNECT starts clean, or the old session was
/// not to outlive its connection (MQTT 5 Session Expiry Interval 0, MQTT 3.1.1 clean session). A takeover that
/// resumes a session the old connection meant to keep sends nothing: the client is back before its will was due
/// ([MQTT-3.1.2-8]). The rule is Mosquitto's (<c>connect__on_authorised</c>); docs/iot.md "Wills".
/// </summary>
public sealed class TakeoverWills(DelayedWills wills, ConnectedClients clients)
{
    // Each connection's will by the client id string of its CONNECT, one object per connection (see DelayedWills'
    // Armed): gone with the connection's packet, so nothing is kept for connections that ended.
    private readonly ConditionalWeakTable<string, LeftWill> _byConnection = new();

    // The newest accepted connection with a will, per client id: the one a new CONNECT of that id takes over.
    private readonly ConcurrentDictionary<string, LeftWill> _newest = new(StringComparer.Ordinal);

    /// <summary>ValidatingConnectionAsync, after the connect handler: what this connection leaves, and how it takes over the previous one.</summary>
    public Task ValidatedAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode != MqttConnectReasonCode.Success)
        {
            return Task.CompletedTask;
        }

        var cleanStart = e.CleanSession ?? true;
        if (_newest.TryGetValue(e.ClientId, out var previous))
        {
            previous.TakenOverByCleanStart = cleanStart;
        }

        if (e.ChannelAdapter is AccountScopedChannelAdapter { Will: { } will } && clients.Find(e.ClientId) is { } connection)
        {
            var endsWithConnection = e.ProtocolVersion == MqttProtocolVersion.V500 ? e.SessionExpiryInterval == 0 : cleanStart;
            var left = new LeftWill(connection, will, endsWithConnection);
            _byConnection.AddOrUpdate(e.ClientId, left);
            _newest[e.ClientId] = left;
        }
        else
        {
            _newest.TryRemove(e.ClientId, out _);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// InterceptingInboundPacketAsync: a connection that sent DISCONNECT has decided its will (§3.1.2.5), even when
    /// MQTTnet still counts its end as a takeover (the new CONNECT waited for it in vain, ReconnectOrderHandler).
    /// </summary>
    public Task InboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttDisconnectPacket && _byConnection.TryGetValue(e.ClientId, out var left))
        {
            left.SentDisconnect = true;
        }

        return Task.CompletedTask;
    }

    /// <summary>ClientDisconnectedAsync: a connection taken over sends its will when its session ends with it.</summary>
    public Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (!_byConnection.TryGetValue(e.ClientId, out var left))
        {
            return Task.CompletedTask;
        }

        _newest.TryRemove(new KeyValuePair<string, LeftWill>(e.ClientId, left));
        _byConnection.Remove(e.ClientId);

        if (e.DisconnectType != MqttClientDisconnectType.Takeover || left.SentDisconnect
            || !(left.TakenOverByCleanStart || left.SessionEndsWithConnection))
        {
            return Task.CompletedTask;
        }

        return wills.SendNowAsync(e.ClientId, left.Connection, left.Will);
    }

    private sealed class LeftWill(MqttConnection connection, MqttApplicationMessage will, bool sessionEndsWithConnection)
    {
        public MqttConnection Connection { get; } = connection;

        public MqttApplicationMessage Will { get; } = will;

        public bool SessionEndsWithConnection { get; } = sessionEndsWithConnection;

        public volatile bool TakenOverByCleanStart;

        public volatile bool SentDisconnect;
    }
}
