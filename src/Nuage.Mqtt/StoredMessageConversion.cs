using System.Buffers;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using Nuage.Iot.Broker;

namespace Nuage.Mqtt;

/// <summary>Between MQTTnet's application message and the message the IoT service stores (retained or queued).</summary>
public static class StoredMessageConversion
{
    public static StoredMqttMessage ToStored(MqttApplicationMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        // §3.3.2.3.3: the interval counts from the moment the server received the message.
        DateTimeOffset? expiresAt = message.MessageExpiryInterval > 0 ? now.AddSeconds(message.MessageExpiryInterval) : null;
        var userProperties = message.UserProperties is { Count: > 0 } properties
            ? properties.Select(p => new KeyValuePair<string, string>(p.Name, p.ReadValueAsString())).ToList()
            : [];
        return new StoredMqttMessage(
            message.Topic,
            message.Payload.ToArray(),
            (int)message.QualityOfServiceLevel,
            (int)message.PayloadFormatIndicator,
            message.ContentType,
            message.ResponseTopic,
            message.CorrelationData,
            userProperties,
            expiresAt);
    }

    public static MqttApplicationMessage ToApplicationMessage(StoredMqttMessage stored, DateTimeOffset now, bool retain)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var message = new MqttApplicationMessage
        {
            Topic = stored.Topic,
            Payload = new ReadOnlySequence<byte>(stored.Payload),
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)stored.Qos,
            PayloadFormatIndicator = (MqttPayloadFormatIndicator)stored.PayloadFormat,
            ContentType = stored.ContentType,
            ResponseTopic = stored.ResponseTopic,
            CorrelationData = stored.CorrelationData,
            Retain = retain,
            UserProperties = stored.UserProperties.Count == 0
                ? null
                : [.. stored.UserProperties.Select(p => new MqttUserProperty(p.Key, new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes(p.Value))))],
        };

        if (stored.ExpiresAt is { } expiresAt)
        {
            // §3.3.2.3.3: a forwarded message carries what is left of its interval, not the interval it was sent with.
            message.MessageExpiryInterval = (uint)Math.Max(1, Math.Ceiling((expiresAt - now).TotalSeconds));
        }

        return message;
    }
}
