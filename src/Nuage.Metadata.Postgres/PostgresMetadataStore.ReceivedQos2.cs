namespace Nuage.Metadata.Postgres;

/// <summary>PostgresMetadataStore: QoS 2 exchanges awaiting PUBREL (schema 026).</summary>
public sealed partial class PostgresMetadataStore
{
    public ValueTask<IReadOnlyList<MqttReceivedQos2Row>> ListMqttReceivedQos2Async(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresMqttReceivedQos2.List, PostgresMqttReceivedQos2.Row, token),
            cancellationToken);
}
