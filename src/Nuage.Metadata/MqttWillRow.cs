namespace Nuage.Metadata;

/// <summary>
/// A will with a Will Delay Interval (MQTT 5 §3.1.3.2.2) kept across a restart (schema 023). <paramref name="ClientId"/>
/// is the broker's id ACCOUNT:CLIENTID; <paramref name="Will"/> the broker's own encoding of the message and of who
/// left it (the IoT layer reads and writes it; the store keeps the bytes); <paramref name="DueAt"/> when it is to be
/// published, null while its client is still connected (the delay has not started).
/// </summary>
public sealed record MqttWillRow(string ClientId, byte[] Will, DateTimeOffset? DueAt);
