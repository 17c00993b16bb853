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
            rows.Add(new MqttRetainedRow(
                reader.GetString(0),
                (byte[])reader.GetValue(1),
                reader.GetInt32(2),
                reader.GetInt32(3),
                reader.GetNullableString(4),
                reader.GetNullableString(5),
                reader.IsDBNull(6) ? null : (byte[])reader.GetValue(6),
                reader.GetNullableString(7),
                reader.IsDBNull(8) ? null : UtcTicks.ToTimestamp(reader.GetInt64(8))));
        }

        return rows;
    }

    public static void PutRetained(CommandCache commands, MqttRetainedRow row) =>
        commands.Get(MqttStateSql.PutRetained, 9)
            .Bind(0, row.Topic).Bind(1, row.Payload).Bind(2, row.Qos).Bind(3, row.PayloadFormat).Bind(4, row.ContentType)
            .Bind(5, row.ResponseTopic).Bind(6, row.CorrelationData).Bind(7, row.UserProperties)
            .Bind(8, row.ExpiresAt is { } expires ? UtcTicks.From(expires) : null)
            .ExecuteNonQuery();

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

    /// <summary>Deletes the session and its subscriptions.</summary>
    public static bool DeleteSession(CommandCache commands, string clientId)
    {
        commands.Get(MqttStateSql.DeleteSessionSubscriptions, 1).Bind(0, clientId).ExecuteNonQuery();
        return commands.Get(MqttStateSql.DeleteSession, 1).Bind(0, clientId).ExecuteNonQuery() > 0;
    }

    public static void PutSubscription(CommandCache commands, MqttSubscriptionRow row) =>
        commands.Get(MqttStateSql.PutSubscription, 7)
            .Bind(0, row.ClientId).Bind(1, row.TopicFilter).Bind(2, row.Qos).Bind(3, row.NoLocal ? 1 : 0)
            .Bind(4, row.RetainAsPublished ? 1 : 0).Bind(5, row.RetainHandling).Bind(6, (long)row.Identifier)
            .ExecuteNonQuery();

    public static bool DeleteSubscription(CommandCache commands, string clientId, string topicFilter) =>
        commands.Get(MqttStateSql.DeleteSubscription, 2).Bind(0, clientId).Bind(1, topicFilter).ExecuteNonQuery() > 0;
}
