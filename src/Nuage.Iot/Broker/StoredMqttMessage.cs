using System.Text.Json;

namespace Nuage.Iot.Broker;

/// <summary>
/// An MQTT message as the IoT service keeps it durably, retained (<see cref="RetainedMessageStore"/>) or queued for
/// an absent persistent session (<see cref="QueuedMessageStore"/>): the broker's account-namespaced topic, the payload
/// and the MQTT 5 properties a subscriber receives with it (§3.3.2.3), and when it expires (null: never, §3.3.2.3.3).
/// </summary>
public sealed record StoredMqttMessage(
    string Topic,
    byte[] Payload,
    int Qos,
    int PayloadFormat,
    string? ContentType,
    string? ResponseTopic,
    byte[]? CorrelationData,
    IReadOnlyList<KeyValuePair<string, string>> UserProperties,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The row the metadata store keeps for it (schema 018's message columns).</summary>
    public Metadata.MqttRetainedRow ToRow() => new(
        Topic, Payload, Qos, PayloadFormat, ContentType, ResponseTopic, CorrelationData, EncodeUserProperties(UserProperties), ExpiresAt);

    public static StoredMqttMessage FromRow(Metadata.MqttRetainedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new StoredMqttMessage(
            row.Topic, row.Payload, row.Qos, row.PayloadFormat, row.ContentType, row.ResponseTopic, row.CorrelationData,
            DecodeUserProperties(row.UserProperties), row.ExpiresAt);
    }

    /// <summary>The user properties as JSON pairs, in order (a name may repeat, MQTT 5 §3.3.2.3.7).</summary>
    private static string? EncodeUserProperties(IReadOnlyList<KeyValuePair<string, string>> properties) =>
        properties.Count == 0 ? null : JsonSerializer.Serialize(properties.Select(p => new[] { p.Key, p.Value }));

    private static IReadOnlyList<KeyValuePair<string, string>> DecodeUserProperties(string? json)
    {
        if (json is null)
        {
            return [];
        }

        var pairs = JsonSerializer.Deserialize<string[][]>(json) ?? [];
        return [.. pairs.Where(p => p.Length == 2).Select(p => new KeyValuePair<string, string>(p[0], p[1]))];
    }
}
