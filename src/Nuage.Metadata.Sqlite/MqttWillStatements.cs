namespace Nuage.Metadata.Sqlite;

using Nuage.Metadata.Core;

/// <summary>Delayed MQTT wills (schema 023), for the read connections and the write transaction.</summary>
internal static class MqttWillStatements
{
    private const string ListSql = "SELECT client_id, will, due_at FROM mqtt_wills";

    private const string PutSql =
        "INSERT INTO mqtt_wills (client_id, will, due_at) VALUES ($1, $2, $3) " +
        "ON CONFLICT (client_id) DO UPDATE SET will = excluded.will, due_at = excluded.due_at";

    private const string DeleteSql = "DELETE FROM mqtt_wills WHERE client_id = $1";

    public static List<MqttWillRow> List(CommandCache commands)
    {
        var rows = new List<MqttWillRow>();
        using var reader = commands.Get(ListSql, 0).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new MqttWillRow(reader.GetString(0), (byte[])reader.GetValue(1), reader.IsDBNull(2) ? null : UtcTicks.ToTimestamp(reader.GetInt64(2))));
        }

        return rows;
    }

    public static void Put(CommandCache commands, MqttWillRow row) =>
        commands.Get(PutSql, 3).Bind(0, row.ClientId).Bind(1, row.Will).Bind(2, row.DueAt is { } at ? UtcTicks.From(at) : null).ExecuteNonQuery();

    public static bool Delete(CommandCache commands, string clientId) =>
        commands.Get(DeleteSql, 1).Bind(0, clientId).ExecuteNonQuery() > 0;
}
