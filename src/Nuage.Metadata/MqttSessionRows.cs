namespace Nuage.Metadata;

/// <summary>Every persistent MQTT session with its subscriptions, read at once when the broker starts.</summary>
public sealed record MqttSessionRows(IReadOnlyList<MqttSessionRow> Sessions, IReadOnlyList<MqttSubscriptionRow> Subscriptions);
