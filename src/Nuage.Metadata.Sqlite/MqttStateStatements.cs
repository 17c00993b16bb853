namespace Nuage.Metadata.Sqlite;

using Nuage.Metadata.Core;

/// <summary>The MQTT state statements (schema 018), shared by the read connections and the write transaction.</summary>
internal static class MqttStateStatements
{
    public static List<MqttRetainedRow> ListRetained(CommandCache commands)
    {
        var rows = new List<MqttRetainedRow>();
        using var reader = commands.Get(MqttStateSql.ListRetained, 0).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(ReadMessage(reader, 0));
        }

        return rows;
    }

    public static void PutRetained(CommandCache commands, MqttRetainedRow row) =>
        BindMessage(commands.Get(MqttStateSql.PutRetained, 9), 0, row).ExecuteNonQuery();

    public static bool DeleteRetained(CommandCache commands, string topic) =>
        commands.Get(MqttStateSql.DeleteRetained, 1).Bind(0, topic).ExecuteNonQuery() > 0;

    public static void DeleteAllRetained(CommandCache commands) => commands.Get(MqttStateSql.DeleteAllRetained, 0).ExecuteNonQuery();

    public static MqttSessionRows LoadSessions(CommandCache commands)
    {
        var sessions = new List<MqttSessionRow>();
        using (var reader = commands.Get(MqttStateSql.ListSessions, 0).ExecuteReader())
        {
            while (reader.Read())
            {
                sessions.Add(new MqttSessionRow(
                    reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : UtcTicks.ToTimestamp(reader.GetInt64(2))));
            }
        }

        var subscriptions = new List<MqttSubscriptionRow>();
        using (var reader = commands.Get(MqttStateSql.ListSubscriptions, 0).ExecuteReader())
        {
            while (reader.Read())
            {
                subscriptions.Add(new MqttSubscriptionRow(
                    reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3) != 0, reader.GetInt64(4) != 0,
                    reader.GetInt32(5), (uint)reader.GetInt64(6)));
            }
        }

        return new MqttSessionRows(sessions, subscriptions);
    }

    public static void PutSession(CommandCache commands, MqttSessionRow row) =>
        commands.Get(MqttStateSql.PutSession, 3)
            .Bind(0, row.ClientId).Bind(1, row.ExpirySeconds)
            .Bind(2, row.DisconnectedAt is { } at ? UtcTicks.From(at) : null)
            .ExecuteNonQuery();

    /// <summary>Deletes the session, its subscriptions, queued messages and QoS 2 exchanges awaiting PUBREL.</summary>
    public static bool DeleteSession(CommandCache commands, string clientId)
    {
        commands.Get(MqttStateSql.DeleteSessionSubscriptions, 1).Bind(0, clientId).ExecuteNonQuery();
        commands.Get(MqttStateSql.DeleteSessionQueued, 1).Bind(0, clientId).ExecuteNonQuery();
        commands.Get(MqttReceivedQos2Statements.DeleteSessionSql, 1).Bind(0, clientId).ExecuteNonQuery();
        return commands.Get(MqttStateSql.DeleteSession, 1).Bind(0, clientId).ExecuteNonQuery() > 0;
    }

    public static void PutSubscription(CommandCache commands, MqttSubscriptionRow row) =>
        commands.Get(MqttStateSql.PutSubscription, 7)
            .Bind(0, row.ClientId).Bind(1, row.TopicFilter).Bind(2, row.Qos).Bind(3, row.NoLocal ? 1 : 0)
            .Bind(4, row.RetainAsPublished ? 1 : 0).Bind(5, row.RetainHandling).Bind(6, (long)row.Identifier)
            .ExecuteNonQuery();

    public static bool DeleteSubscription(CommandCache commands, string clientId, string topicFilter) =>
        commands.Get(MqttStateSql.DeleteSubscription, 2).Bind(0, clientId).Bind(1, topicFilter).ExecuteNonQuery() > 0;

    // Schema 021: messages queued for absent persistent sessions.
    public static List<MqttQueuedRow> ListQueued(CommandCache commands)
    {
        var rows = new List<MqttQueuedRow>();
        using var reader = commands.Get(MqttStateSql.ListQueued, 0).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new MqttQueuedRow(reader.GetString(0), reader.GetInt64(1), ReadMessage(reader, 2), reader.IsDBNull(11) ? null : reader.GetInt32(11),
                reader.IsDBNull(12) ? null : reader.GetInt32(12)));
        }

        return rows;
    }

    public static void Enqueue(CommandCache commands, MqttQueuedRow row, int limit)
    {
        BindMessage(commands.Get(MqttStateSql.InsertQueued, 11).Bind(0, row.ClientId).Bind(1, row.Seq), 2, row.Message).ExecuteNonQuery();
        commands.Get(MqttStateSql.TrimQueued, 2).Bind(0, row.ClientId).Bind(1, row.Seq - limit).ExecuteNonQuery();
    }

    public static bool DeleteQueued(CommandCache commands, string clientId, long seq) =>
        commands.Get(MqttStateSql.DeleteQueued, 2).Bind(0, clientId).Bind(1, seq).ExecuteNonQuery() > 0;

    public static bool ReleaseQueued(CommandCache commands, string clientId, long seq, int packetId) =>
        commands.Get(MqttStateSql.ReleaseQueued, 3).Bind(0, clientId).Bind(1, seq).Bind(2, packetId).ExecuteNonQuery() > 0;

    public static bool SendQueued(CommandCache commands, string clientId, long seq, int packetId) =>
        commands.Get(MqttStateSql.SendQueued, 3).Bind(0, clientId).Bind(1, seq).Bind(2, packetId).ExecuteNonQuery() > 0;

    /// <summary>The message columns shared by mqtt_retained and mqtt_queued, starting at <paramref name="first"/>.</summary>
    private static MqttRetainedRow ReadMessage(Microsoft.Data.Sqlite.SqliteDataReader reader, int first) => new(
        reader.GetString(first),
        (byte[])reader.GetValue(first + 1),
        reader.GetInt32(first + 2),
        reader.GetInt32(first + 3),
        reader.GetNullableString(first + 4),
        reader.GetNullableString(first + 5),
        reader.IsDBNull(first + 6) ? null : (byte[])reader.GetValue(first + 6),
        reader.GetNullableString(first + 7),
        reader.IsDBNull(first + 8) ? null : UtcTicks.ToTimestamp(reader.GetInt64(first + 8)));

    private static Microsoft.Data.Sqlite.SqliteCommand BindMessage(Microsoft.Data.Sqlite.SqliteCommand command, int first, MqttRetainedRow row) =>
        command.Bind(first, row.Topic).Bind(first + 1, row.Payload).Bind(first + 2, row.Qos).Bind(first + 3, row.PayloadFormat)
            .Bind(first + 4, row.ContentType).Bind(first + 5, row.ResponseTopic).Bind(first + 6, row.CorrelationData)
            .Bind(first + 7, row.UserProperties).Bind(first + 8, row.ExpiresAt is { } expires ? UtcTicks.From(expires) : null);
}
