namespace Nuage.Iot.Broker;

/// <summary>
/// A retained message as the IoT service keeps it: the broker's account-namespaced topic, the payload and the MQTT 5
/// properties a subscriber receives with it (§3.3.2.3), and when it expires (null: never, §3.3.2.3.3).
/// </summary>
public sealed record RetainedMessage(
    string Topic,
    byte[] Payload,
    int Qos,
    int PayloadFormat,
    string? ContentType,
    string? ResponseTopic,
    byte[]? CorrelationData,
    IReadOnlyList<KeyValuePair<string, string>> UserProperties,
    DateTimeOffset? ExpiresAt);
