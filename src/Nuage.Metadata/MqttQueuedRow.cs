namespace Nuage.Metadata;

/// <summary>
/// One message queued for an absent persistent MQTT session (schema 021): the session's broker client id, its place
/// in that session's queue, and the message, in the columns a retained message has. <paramref name="ReleasedPacketId"/>
/// (schema 028): for a QoS 2 message the client answered with PUBREC, the packet identifier it was sent under; null
/// until then. <paramref name="SentPacketId"/> (schema 029): for a QoS 2 message sent to the client, the packet
/// identifier it was first sent under; null while it was never sent.
/// </summary>
public sealed record MqttQueuedRow(string ClientId, long Seq, MqttRetainedRow Message, int? ReleasedPacketId = null, int? SentPacketId = null);
