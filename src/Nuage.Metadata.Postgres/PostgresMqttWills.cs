namespace Nuage.Metadata.Postgres;

using Nuage.Metadata.Core;
using Npgsql;

/// <summary>Delayed MQTT wills (schema 023): the SQLite engine's MqttWillStatements.</summary>
internal static class PostgresMqttWills
{
    public const string List = "SELECT client_id, will, due_at FROM mqtt_wills";

    public const string Put =
        "INSERT INTO mqtt_wills (client_id, will, due_at) VALUES ($1, $2, $3) " +
        "ON CONFLICT (client_id) DO UPDATE SET will = excluded.will, due_at = excluded.due_at";

    public const string Delete = "DELETE FROM mqtt_wills WHERE client_id = $1";

    public static MqttWillRow Row(NpgsqlDataReader r) => new(
        r.GetString(0), (byte[])r.GetValue(1), r.IsDBNull(2) ? null : UtcTicks.ToTimestamp(r.GetInt64(2)));
}
