namespace Nuage.Metadata.Postgres;

/// <summary>PostgresTransaction: QoS 2 exchanges awaiting PUBREL (schema 026), as the SQLite engine's WriteTransaction.</summary>
internal sealed partial class PostgresTransaction
{
    public void PutMqttReceivedQos2(MqttReceivedQos2Row row) => Execute(PostgresMqttReceivedQos2.Put, row.ClientId, row.PacketId);

    public bool DeleteMqttReceivedQos2(MqttReceivedQos2Row row) => Execute(PostgresMqttReceivedQos2.Delete, row.ClientId, row.PacketId) > 0;
}
