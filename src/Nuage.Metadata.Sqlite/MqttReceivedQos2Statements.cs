namespace Nuage.Metadata.Sqlite;

/// <summary>QoS 2 exchanges awaiting PUBREL (schema 026), for the read connections and the write transaction.</summary>
internal static class MqttReceivedQos2Statements
{
    public const string DeleteSessionSql = "DELETE FROM mqtt_received_qos2 WHERE client_id = $1";

    private const string ListSql = "SELECT client_id, packet_id FROM mqtt_received_qos2";

    private const string PutSql = "INSERT INTO mqtt_received_qos2 (client_id, packet_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

    private const string DeleteSql = "DELETE FROM mqtt_received_qos2 WHERE client_id = $1 AND packet_id = $2";

    public static List<MqttReceivedQos2Row> List(CommandCache commands)
    {
        var rows = new List<MqttReceivedQos2Row>();
        using var reader = commands.Get(ListSql, 0).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new MqttReceivedQos2Row(reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    public static void Put(CommandCache commands, MqttReceivedQos2Row row) =>
        commands.Get(PutSql, 2).Bind(0, row.ClientId).Bind(1, row.PacketId).ExecuteNonQuery();

    public static bool Delete(CommandCache commands, MqttReceivedQos2Row row) =>
        commands.Get(DeleteSql, 2).Bind(0, row.ClientId).Bind(1, row.PacketId).ExecuteNonQuery() > 0;
}
