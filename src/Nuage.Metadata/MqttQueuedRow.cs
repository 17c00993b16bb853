namespace Nuage.Metadata;

/// <summary>
/// One message queued for an absent persistent MQTT session (schema 021): the session's broker client id, its place
/// in that session's queue, and the message, in the columns a retained message has.
/// </summary>
public sealed record MqttQueuedRow(string ClientId, long Seq, MqttRetainedRow Message);
