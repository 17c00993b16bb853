namespace Nuage.Iot.Broker;

/// <summary>One subscription of a persistent session, its filter in the broker's account-namespaced form (MQTT 5 §3.8.3.1 options).</summary>
public sealed record PersistentSubscription(string TopicFilter, int Qos, bool NoLocal, bool RetainAsPublished, int RetainHandling, uint Identifier);
