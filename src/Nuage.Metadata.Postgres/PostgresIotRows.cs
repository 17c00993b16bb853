namespace Nuage.Metadata.Postgres;

using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// Rows of the IoT and MQTT tables to and from their columns, shared by the store's reads and the writer's
/// transaction. Times are BIGINT UTC ticks, flags BOOLEAN; the column order is that of the SELECTs in
/// <see cref="PostgresIotSql"/>, <see cref="PostgresIotRuleSql"/> and <see cref="PostgresMqttStateSql"/>.
/// </summary>
internal static class PostgresIotRows
{
    /// <summary>A shadow from (version, document); the document is null once the shadow was deleted (its version stays).</summary>
    public static ShadowRow Shadow(NpgsqlDataReader r, string accountId, string thingName, string shadowName) =>
        new(accountId, thingName, shadowName, r.GetInt64(0), NullableString(r, 1));

    public static IotThingRow Thing(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), NullableString(r, 2), r.GetString(3), r.GetInt64(4), UtcTicks.ToTimestamp(r.GetInt64(5)));

    public static IotThingGroupRow Group(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), UtcTicks.ToTimestamp(r.GetInt64(3)));

    public static IotGroupMemberRow Member(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));

    public static IotCredentialRow Credential(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<byte[]>(3), r.GetBoolean(4), UtcTicks.ToTimestamp(r.GetInt64(5)));

    public static IotPolicyRow Policy(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), UtcTicks.ToTimestamp(r.GetInt64(3)));

    public static IotPolicyAttachmentRow Attachment(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), (IotPolicyTarget)r.GetInt32(2), r.GetString(3));

    public static IotCertificateRow Certificate(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        UtcTicks.ToTimestamp(r.GetInt64(4)), UtcTicks.ToTimestamp(r.GetInt64(5)), r.GetBoolean(6), UtcTicks.ToTimestamp(r.GetInt64(7)));

    public static IotRuleRow Rule(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), UtcTicks.ToTimestamp(r.GetInt64(3)));

    /// <summary>A rule's spool counters; OldestAt is MinValue when every row is claimed (nothing waits).</summary>
    public static IotSpoolStats SpoolStats(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3),
        r.IsDBNull(4) ? DateTimeOffset.MinValue : UtcTicks.ToTimestamp(r.GetInt64(4)), r.GetInt64(5));

    public static IotSpoolBatch SpoolBatch(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2));

    public static IotSpoolRow SpoolRow(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), UtcTicks.ToTimestamp(r.GetInt64(3)), r.GetString(4));

    public static MqttRetainedRow Retained(NpgsqlDataReader r) => Message(r, 0);

    public static MqttQueuedRow Queued(NpgsqlDataReader r) => new(r.GetString(0), r.GetInt64(1), Message(r, 2), r.IsDBNull(11) ? null : r.GetInt32(11),
        r.IsDBNull(12) ? null : r.GetInt32(12));

    public static MqttSessionRow Session(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : UtcTicks.ToTimestamp(r.GetInt64(2)));

    /// <summary>
    /// The identifier column is INTEGER: MQTT 5 identifiers stop at 268,435,455 (clause 3.8.2.1.2), and the unchecked
    /// casts both ways keep any uint intact anyway.
    /// </summary>
    public static MqttSubscriptionRow Subscription(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetBoolean(3), r.GetBoolean(4), r.GetInt32(5), unchecked((uint)r.GetInt32(6)));

    public static object?[] SubscriptionArguments(MqttSubscriptionRow row) =>
        [row.ClientId, row.TopicFilter, row.Qos, row.NoLocal, row.RetainAsPublished, row.RetainHandling, unchecked((int)row.Identifier)];

    /// <summary>The message columns (topic .. expires_at) as statement arguments, after <paramref name="leading"/> ones.</summary>
    public static object?[] MessageArguments(MqttRetainedRow row, params object?[] leading) =>
        [
            .. leading,
            row.Topic, row.Payload, row.Qos, row.PayloadFormat, row.ContentType, row.ResponseTopic, row.CorrelationData,
            row.UserProperties, row.ExpiresAt is { } expires ? UtcTicks.From(expires) : null,
        ];

    private static MqttRetainedRow Message(NpgsqlDataReader r, int first) => new(
        r.GetString(first),
        r.GetFieldValue<byte[]>(first + 1),
        r.GetInt32(first + 2),
        r.GetInt32(first + 3),
        NullableString(r, first + 4),
        NullableString(r, first + 5),
        r.IsDBNull(first + 6) ? null : r.GetFieldValue<byte[]>(first + 6),
        NullableString(r, first + 7),
        r.IsDBNull(first + 8) ? null : UtcTicks.ToTimestamp(r.GetInt64(first + 8)));

    private static string? NullableString(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
