namespace Nuage.Metadata.Postgres.MetadataMigration;

using static ColumnKind;

/// <summary>
/// Every table of schema 031 (Schema/021_baseline.sql to 031, the SQLite engine's Schema/001..031) in the order the copy
/// writes them. The order matters to PostgreSQL's usage triggers, which each COPY fires (per statement from 030): a bucket before its
/// objects (its bucket_usage row must exist for them to update), a version before the current_objects row that names
/// it. Left out: schema_version (each engine keeps its own) and write_markers (PostgreSQL's writer only). The SQLite
/// objects table also still has is_latest, retired by its schema 011; PostgreSQL never had it.
/// When a migration adds a column or table, this list changes with it: <see cref="MetadataMigrator"/> compares it
/// with both databases' columns and refuses a mismatch rather than drop data.
/// </summary>
public static class MigrationTables
{
    /// <summary>The schema version both sides must be at.</summary>
    public const int SchemaVersion = 31;

    public static IReadOnlyList<MigrationTable> All { get; } =
    [
        Table("buckets", ["name"], ("name", Text), ("owner", Text), ("region", Text), ("created_at", BigInt), ("versioning", Integer)),
        Table("bucket_settings", ["bucket", "name"], ("bucket", Text), ("name", Text), ("value", Text)),
        Table("objects", ["seq"],
            ("seq", BigInt), ("bucket", Text), ("key", Key), ("version_id", Text), ("is_delete_marker", Boolean), ("size", BigInt),
            ("etag", Text), ("last_modified", BigInt), ("origin_region", Text), ("owner", Text), ("checksum_algorithm", Text),
            ("checksum_value", Text), ("checksum_composite", Boolean), ("parts_count", Integer), ("content_type", Text),
            ("content_encoding", Text), ("content_disposition", Text), ("content_language", Text), ("cache_control", Text),
            ("expires", Text), ("user_metadata", Text), ("manifest", Bytes), ("inline_checksum", BigInt), ("upload_id", Text),
            ("tags", Text), ("encryption", Bytes), ("inline_data", Bytes)) with { Identity = "seq" },
        Table("current_objects", ["bucket", "key"], ("bucket", Text), ("key", Key), ("seq", BigInt)),
        Table("object_acls", ["bucket", "key", "version_id"], ("bucket", Text), ("key", Key), ("version_id", Text), ("acl", Text)),
        Table("object_locks", ["bucket", "key", "version_id"],
            ("bucket", Text), ("key", Key), ("version_id", Text), ("mode", Text), ("retain_until", BigInt), ("legal_hold", Boolean)),
        Table("uploads", ["upload_id"],
            ("upload_id", Text), ("bucket", Text), ("key", Key), ("initiated", BigInt), ("owner", Text), ("checksum_algorithm", Text),
            ("content_type", Text), ("content_encoding", Text), ("content_disposition", Text), ("content_language", Text),
            ("cache_control", Text), ("expires", Text), ("user_metadata", Text), ("acl", Text), ("tags", Text), ("object_lock", Text),
            ("encryption", Bytes)),
        Table("parts", ["upload_id", "part_number"],
            ("upload_id", Text), ("part_number", Integer), ("size", BigInt), ("etag", Text), ("last_modified", BigInt),
            ("checksum_algorithm", Text), ("checksum_value", Text), ("blob_id", BlobId)),
        Table("garbage", ["blob_id"], ("blob_id", BlobId), ("added_at", BigInt)),
        Table("kms_keys", ["key_id"], ("key_id", Text), ("account_id", Text), ("body", Text)),
        Table("accounts", ["id"], ("id", Text), ("name", Text), ("created_at", BigInt), ("settings", Text)),
        Table("identities", ["account_id", "kind", "name"],
            ("account_id", Text), ("kind", Integer), ("name", Text), ("id", Text), ("created_at", BigInt), ("body", Text)),
        Table("access_keys", ["access_key_id"],
            ("access_key_id", Text), ("account_id", Text), ("user_name", Text), ("sealed_secret", Bytes), ("active", Boolean), ("created_at", BigInt)),
        Table("bucket_registry", ["name"], ("name", Text), ("owner", Text), ("region", Text), ("created_at", BigInt)),
        Table("event_outbox", ["seq"],
            ("seq", BigInt), ("destination", Text), ("body", Text), ("created_at", BigInt), ("attempts", Integer), ("next_attempt_at", BigInt))
            with { Identity = "seq" },
        Table("replication_outbox", ["seq"],
            ("seq", BigInt), ("bucket", Text), ("key", Key), ("version_id", Text), ("rule_id", Text), ("destination_bucket", Text),
            ("is_delete_marker", Boolean), ("size", BigInt), ("created_at", BigInt), ("attempts", Integer), ("next_attempt_at", BigInt),
            ("last_error", Text), ("metadata_only", Boolean)) with { Identity = "seq" },
        Table("replication_status", ["bucket", "key", "version_id"], ("bucket", Text), ("key", Key), ("version_id", Text), ("status", Text),
            ("changed_at", BigInt), ("changed_in", Text)),
        Table("iot_shadows", ["account_id", "thing_name", "shadow_name"],
            ("account_id", Text), ("thing_name", Text), ("shadow_name", Text), ("version", BigInt), ("document", Text)),
        Table("iot_things", ["account_id", "name"],
            ("account_id", Text), ("name", Text), ("thing_type", Text), ("attributes", Text), ("version", BigInt), ("created_at", BigInt)),
        Table("iot_thing_groups", ["account_id", "name"], ("account_id", Text), ("name", Text), ("description", Text), ("created_at", BigInt)),
        Table("iot_thing_group_members", ["account_id", "group_name", "thing_name"], ("account_id", Text), ("group_name", Text), ("thing_name", Text)),
        Table("iot_credentials", ["credential_id"],
            ("credential_id", Text), ("account_id", Text), ("thing_name", Text), ("token_hash", Bytes), ("active", Boolean), ("created_at", BigInt)),
        Table("iot_policies", ["account_id", "name"], ("account_id", Text), ("name", Text), ("document", Text), ("created_at", BigInt)),
        Table("iot_policy_attachments", ["account_id", "policy_name", "target_kind", "target_name"],
            ("account_id", Text), ("policy_name", Text), ("target_kind", Integer), ("target_name", Text)),
        Table("iot_certificates", ["certificate_id"],
            ("certificate_id", Text), ("account_id", Text), ("thing_name", Text), ("certificate_pem", Text), ("not_before", BigInt),
            ("not_after", BigInt), ("active", Boolean), ("created_at", BigInt)),
        Table("iot_rules", ["account_id", "name"], ("account_id", Text), ("name", Text), ("definition", Text), ("created_at", BigInt)),
        Table("iot_rule_spool", ["seq"],
            ("seq", BigInt), ("account_id", Text), ("rule_name", Text), ("received_at", BigInt), ("line", Text), ("batch", BigInt))
            with { Identity = "seq", AutoIncrement = true },
        Table("mqtt_retained", ["topic"],
            ("topic", Text), ("payload", Bytes), ("qos", Integer), ("payload_format", Integer), ("content_type", Text),
            ("response_topic", Text), ("correlation_data", Bytes), ("user_properties", Text), ("expires_at", BigInt)),
        Table("mqtt_sessions", ["client_id"], ("client_id", Text), ("expiry_seconds", BigInt), ("disconnected_at", BigInt)),
        Table("mqtt_subscriptions", ["client_id", "topic_filter"],
            ("client_id", Text), ("topic_filter", Text), ("qos", Integer), ("no_local", Boolean), ("retain_as_published", Boolean),
            ("retain_handling", Integer), ("identifier", Integer)),
        Table("mqtt_queued", ["client_id", "seq"],
            ("client_id", Text), ("seq", BigInt), ("topic", Text), ("payload", Bytes), ("qos", Integer), ("payload_format", Integer),
            ("content_type", Text), ("response_topic", Text), ("correlation_data", Bytes), ("user_properties", Text), ("expires_at", BigInt),
            ("released_packet_id", Integer), ("sent_packet_id", Integer)),
        Table("mqtt_wills", ["client_id"], ("client_id", Text), ("will", Bytes), ("due_at", BigInt)),
        Table("mqtt_received_qos2", ["client_id", "packet_id"], ("client_id", Text), ("packet_id", Integer)),

        // Last, and whole: see MetadataMigrator.OverwriteTriggerMaintained.
        Table("bucket_usage", ["bucket"], ("bucket", Text), ("objects", BigInt), ("bytes", BigInt), ("stored_bytes", BigInt))
            with { MaintainedByTriggers = true },
        Table("store_counters", ["name"], ("name", Text), ("value", BigInt)) with { MaintainedByTriggers = true },
    ];

    private static MigrationTable Table(string name, string[] primaryKey, params (string Name, ColumnKind Kind)[] columns) =>
        new(name, [.. columns.Select(c => new MigrationColumn(c.Name, c.Kind))], primaryKey);
}
