namespace Nuage.Metadata;

/// <summary>
/// One retained MQTT message (schema 018). <paramref name="Topic"/> is the broker's account-namespaced topic;
/// <paramref name="UserProperties"/> is the IoT service's encoding of the MQTT 5 user properties, stored as given;
/// <paramref name="ExpiresAt"/> is null when the message never expires.
/// </summary>
public sealed record MqttRetainedRow(
    string Topic,
    byte[] Payload,
    int Qos,
    int PayloadFormat,
    string? ContentType,
    string? ResponseTopic,
    byte[]? CorrelationData,
    string? UserProperties,
    DateTimeOffset? ExpiresAt);
