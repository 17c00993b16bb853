namespace Nuage.Metadata.Postgres;

/// <summary>
/// The PostgreSQL statements of the MQTT broker's durable state (retained messages, persistent sessions, their
/// subscriptions and queued messages): SQLite's (MqttStateSql) with BOOLEAN flags.
/// </summary>
internal static class PostgresMqttStateSql
{
    /// <summary>The message columns mqtt_retained and mqtt_queued share, in the order <see cref="PostgresIotRows"/> reads them.</summary>
    private const string MessageColumns =
        "topic, payload, qos, payload_format, content_type, response_topic, correlation_data, user_properties, expires_at";

    public const string ListRetained = "SELECT " + MessageColumns + " FROM mqtt_retained";

    public const string PutRetained =
        "INSERT INTO mqtt_retained (" + MessageColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
        "ON CONFLICT (topic) DO UPDATE SET payload = excluded.payload, qos = excluded.qos, " +
        "payload_format = excluded.payload_format, content_type = excluded.content_type, response_topic = excluded.response_topic, " +
        "correlation_data = excluded.correlation_data, user_properties = excluded.user_properties, expires_at = excluded.expires_at";

    public const string DeleteRetained = "DELETE FROM mqtt_retained WHERE topic = $1";

    public const string DeleteAllRetained = "DELETE FROM mqtt_retained";

    public const string ListSessions = "SELECT client_id, expiry_seconds, disconnected_at FROM mqtt_sessions";

    public const string ListSubscriptions =
        "SELECT client_id, topic_filter, qos, no_local, retain_as_published, retain_handling, identifier FROM mqtt_subscriptions";

    public const string PutSession =
        "INSERT INTO mqtt_sessions (client_id, expiry_seconds, disconnected_at) VALUES ($1, $2, $3) " +
        "ON CONFLICT (client_id) DO UPDATE SET expiry_seconds = excluded.expiry_seconds, disconnected_at = excluded.disconnected_at";

    public const string DeleteSession = "DELETE FROM mqtt_sessions WHERE client_id = $1";

    public const string DeleteSessionSubscriptions = "DELETE FROM mqtt_subscriptions WHERE client_id = $1";

    public const string DeleteSessionQueued = "DELETE FROM mqtt_queued WHERE client_id = $1";

    public const string PutSubscription =
        "INSERT INTO mqtt_subscriptions (client_id, topic_filter, qos, no_local, retain_as_published, retain_handling, identifier) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (client_id, topic_filter) DO UPDATE SET qos = excluded.qos, " +
        "no_local = excluded.no_local, retain_as_published = excluded.retain_as_published, " +
        "retain_handling = excluded.retain_handling, identifier = excluded.identifier";

    public const string DeleteSubscription = "DELETE FROM mqtt_subscriptions WHERE client_id = $1 AND topic_filter = $2";

    public const string ListQueued = "SELECT client_id, seq, " + MessageColumns + ", released_packet_id, sent_packet_id FROM mqtt_queued ORDER BY client_id, seq";

    // Schema 028: a queued QoS 2 message its client answered with PUBREC.
    public const string ReleaseQueued = "UPDATE mqtt_queued SET released_packet_id = $3 WHERE client_id = $1 AND seq = $2";

    // Schema 029: a queued QoS 2 message sent to its client, before its PUBLISH first leaves.
    public const string SendQueued = "UPDATE mqtt_queued SET sent_packet_id = $3 WHERE client_id = $1 AND seq = $2";

    public const string InsertQueued =
        "INSERT INTO mqtt_queued (client_id, seq, " + MessageColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    /// <summary>Drops the session's rows older than the newest <c>limit</c> ($2 = the new seq minus the limit).</summary>
    public const string TrimQueued = "DELETE FROM mqtt_queued WHERE client_id = $1 AND seq <= $2";

    public const string DeleteQueued = "DELETE FROM mqtt_queued WHERE client_id = $1 AND seq = $2";
}
