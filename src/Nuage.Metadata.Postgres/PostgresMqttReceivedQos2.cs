namespace Nuage.Metadata.Postgres;

using Npgsql;

/// <summary>QoS 2 exchanges awaiting PUBREL (schema 026): the SQLite engine's MqttReceivedQos2Statements.</summary>
internal static class PostgresMqttReceivedQos2
{
    public const string List = "SELECT client_id, packet_id FROM mqtt_received_qos2";

    public const string Put = "INSERT INTO mqtt_received_qos2 (client_id, packet_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

    public const string Delete = "DELETE FROM mqtt_received_qos2 WHERE client_id = $1 AND packet_id = $2";

    public const string DeleteSession = "DELETE FROM mqtt_received_qos2 WHERE client_id = $1";

    public static MqttReceivedQos2Row Row(NpgsqlDataReader r) => new(r.GetString(0), r.GetInt32(1));
}
