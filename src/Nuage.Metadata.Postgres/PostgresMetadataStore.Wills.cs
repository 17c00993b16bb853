namespace Nuage.Metadata.Postgres;

/// <summary>PostgresMetadataStore: delayed MQTT wills (schema 023).</summary>
public sealed partial class PostgresMetadataStore
{
    public ValueTask<IReadOnlyList<MqttWillRow>> ListMqttWillsAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresMqttWills.List, PostgresMqttWills.Row, token),
            cancellationToken);
}
