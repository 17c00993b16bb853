using System.Text;
using MQTTnet.Packets;

namespace Nuage.Mqtt.Limits;

/// <summary>
/// The size of a received PUBLISH as it was on the wire, counted from its decoded parts: fixed header, topic, packet
/// identifier, the properties a large packet can carry, payload. It never counts more than the packet had, so no
/// packet within the limit is refused; a topic alias or a few small properties may be missed, a few bytes at most.
/// (MQTTnet's byte counters cannot serve: its WebSocket channel adds sent bytes to the received count.)
/// </summary>
internal static class PacketSize
{
    public static long Of(MqttPublishPacket publish)
    {
        long variable = 2 + Encoding.UTF8.GetByteCount(publish.Topic ?? string.Empty);
        if (publish.QualityOfServiceLevel > 0)
        {
            variable += 2;
        }

        variable += StringProperty(publish.ContentType) + StringProperty(publish.ResponseTopic);
        if (publish.CorrelationData is { } correlation)
        {
            variable += 3 + correlation.Length;
        }

        variable += UserProperties(publish.UserProperties);

        var remaining = variable + publish.Payload.Length;
        return 1 + LengthOfRemainingLength(remaining) + remaining;
    }

    /// <summary>
    /// The exact size of a PUBLISH as MQTT 5 encodes it (§3.3): what the server sends must fit the client's Maximum
    /// Packet Size (§3.1.2.11.4), so here nothing may be left out.
    /// </summary>
    public static long OfV5(MqttPublishPacket publish)
    {
        long properties = StringProperty(publish.ContentType) + StringProperty(publish.ResponseTopic);
        if (publish.CorrelationData is { } correlation)
        {
            properties += 3 + correlation.Length;
        }

        properties += UserProperties(publish.UserProperties);

        properties += publish.MessageExpiryInterval > 0 ? 5 : 0;
        properties += publish.PayloadFormatIndicator != MQTTnet.Protocol.MqttPayloadFormatIndicator.Unspecified ? 2 : 0;
        properties += publish.TopicAlias > 0 ? 3 : 0;
        if (publish.SubscriptionIdentifiers is { } identifiers)
        {
            foreach (var identifier in identifiers)
            {
                properties += 1 + LengthOfRemainingLength(identifier);
            }
        }

        long variable = 2 + Encoding.UTF8.GetByteCount(publish.Topic ?? string.Empty) + (publish.QualityOfServiceLevel > 0 ? 2 : 0)
            + LengthOfRemainingLength(properties) + properties;
        var remaining = variable + publish.Payload.Length;
        return 1 + LengthOfRemainingLength(remaining) + remaining;
    }

    /// <summary>The bytes of User Property pairs (identifier, two strings each; §2.2.2.2).</summary>
    internal static long UserProperties(List<MqttUserProperty>? properties)
    {
        long bytes = 0;
        foreach (var property in properties ?? [])
        {
            bytes += 5 + Encoding.UTF8.GetByteCount(property.Name) + property.ValueBuffer.Length;
        }

        return bytes;
    }

    /// <summary>A UTF-8 string property's bytes (identifier, length, text), or 0 when absent.</summary>
    internal static long StringProperty(string? value) => value is null ? 0 : 3 + Encoding.UTF8.GetByteCount(value);

    /// <summary>The bytes of a Variable Byte Integer with the fewest bytes (§1.5.5).</summary>
    internal static int LengthOfRemainingLength(long remaining) => remaining switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };
}
