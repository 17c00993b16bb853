namespace Nuage.Metadata;

/// <summary>
/// A persistent MQTT session (schema 018): the broker client id (ACCOUNT:CLIENTID), its Session Expiry Interval in
/// seconds (uint.MaxValue: never) and, once its client went away, when that happened (null while connected).
/// </summary>
public sealed record MqttSessionRow(string ClientId, long ExpirySeconds, DateTimeOffset? DisconnectedAt);
