namespace Nuage.Metadata;

/// <summary>One subscription of a persistent MQTT session (schema 018), its filter in the broker's namespaced form.</summary>
public sealed record MqttSubscriptionRow(
    string ClientId,
    string TopicFilter,
    int Qos,
    bool NoLocal,
    bool RetainAsPublished,
    int RetainHandling,
    uint Identifier);
