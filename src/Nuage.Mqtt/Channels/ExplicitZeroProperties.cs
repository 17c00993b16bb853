using MQTTnet.Adapter;
using MQTTnet.AspNetCore;
using MQTTnet.Packets;
using Nuage.Mqtt.Limits;

namespace Nuage.Mqtt.Channels;

/// <summary>
/// Tells a property the client sent with the value 0 from one it left out, where MQTT 5 gives the two different
/// meanings and MQTTnet 5's decoder reads both as 0: a Topic Alias of 0 is a protocol error (§3.3.2.3.4, DISCONNECT
/// 0x94), and a DISCONNECT's Session Expiry Interval of 0 ends the session now (§3.14.2.2.2) where its absence keeps the
/// CONNECT's interval. The decoded packet keeps no list of the properties it had, so the packet's size on the wire is
/// compared with the size of the same packet without the ambiguous property: what is left over is that property.
/// </summary>
/// <remarks>
/// The size on the wire is known where the transport counts the bytes of each packet it reads and nothing else:
/// Kestrel's connection (MQTT over TCP and TLS, <see cref="MqttConnectionContext"/>) adds each decoded packet's length to
/// <see cref="IMqttChannelAdapter.BytesReceived"/>. MQTTnet's own <see cref="MqttChannelAdapter"/> (MQTT over WebSocket)
/// counts the two directions the other way round in MQTTnet 5.2: each packet it reads, fixed header included, goes to
/// <see cref="IMqttChannelAdapter.BytesSent"/> (ReceivePacketAsync) and each one it writes to BytesReceived
/// (SendPacketAsync). Only the connection's one reading loop adds to the reading counter, so its growth across one
/// ReceivePacketAsync is that packet's size there too. Should MQTTnet swap them back, the counter read here would grow
/// only by concurrent sends, mostly by nothing: `MqttTopicAliasTests` and `MqttSessionExpiryTests` over WebSocket fail
/// then, before any client is refused wrongly. Variable Byte Integers must use the fewest bytes (§1.5.5), so sizes
/// computed from the decoded packet are exact.
/// </remarks>
internal static class ExplicitZeroProperties
{
    private const int TopicAliasProperty = 3;              // identifier 0x23 and a Two Byte Integer
    private const int MessageExpiryProperty = 5;           // identifier 0x02 and a Four Byte Integer
    private const int PayloadFormatProperty = 2;           // identifier 0x01 and a Byte
    private const int SessionExpiryProperty = 5;           // identifier 0x11 and a Four Byte Integer

    /// <summary>The bytes the transport has read so far, or null where it does not count them alone (see remarks).</summary>
    public static long? BytesRead(IMqttChannelAdapter channel) => channel switch
    {
        MqttConnectionContext => channel.BytesReceived,
        MqttChannelAdapter => channel.BytesSent,
        _ => null,
    };

    /// <summary>
    /// Whether a PUBLISH decoded without a Topic Alias carried one of 0. Three properties may be sent as 0 and read as
    /// absent: Topic Alias (3 bytes), Message Expiry Interval (5) and Payload Format Indicator (2). Left over 3, 8 or 10
    /// bytes mean the alias was among them; 5 could be the alias and the format indicator or the expiry alone, and is
    /// not taken as the alias.
    /// </summary>
    public static bool HasTopicAliasZero(MqttPublishPacket publish, long wireLength)
    {
        if (publish.TopicAlias != 0)
        {
            return false;
        }

        var extra = wireLength - PacketSize.OfV5(publish);
        return extra == TopicAliasProperty
            || extra == TopicAliasProperty + MessageExpiryProperty
            || extra == TopicAliasProperty + MessageExpiryProperty + PayloadFormatProperty;
    }

    /// <summary>Whether a DISCONNECT decoded with a Session Expiry Interval of 0 carried the property with that value.</summary>
    public static bool HasSessionExpiryZero(MqttDisconnectPacket disconnect, long wireLength)
    {
        if (disconnect.SessionExpiryInterval != 0)
        {
            return false;
        }

        // §3.14.2: reason code, property length, then the properties the decoder kept. A client may leave out the reason
        // code and the property length when they are 0 (shorter than this), never a property it sent.
        long properties = PacketSize.StringProperty(disconnect.ReasonString) + PacketSize.StringProperty(disconnect.ServerReference);
        properties += PacketSize.UserProperties(disconnect.UserProperties);

        var remaining = 1 + PacketSize.LengthOfRemainingLength(properties) + properties;
        var expected = 1 + PacketSize.LengthOfRemainingLength(remaining) + remaining;
        return wireLength - expected == SessionExpiryProperty;
    }
}
