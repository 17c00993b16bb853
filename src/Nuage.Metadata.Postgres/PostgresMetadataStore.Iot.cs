namespace Nuage.Metadata.Postgres;

/// <summary>PostgresMetadataStore: device shadows, the IoT registry, rules and their spool, X.509 certificates and the MQTT broker's state.</summary>
public sealed partial class PostgresMetadataStore
{
    public ValueTask<ShadowRow?> GetShadowAsync(string accountId, string thingName, string shadowName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetShadowAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<string>> ListShadowNamesAsync(string accountId, string thingName, string after, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListShadowNamesAsync is not written yet (issue 18).");

    public ValueTask<IotRegistryRows> LoadIotRegistryAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: LoadIotRegistryAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<MqttRetainedRow>> ListMqttRetainedAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListMqttRetainedAsync is not written yet (issue 18).");

    public ValueTask<MqttSessionRows> LoadMqttSessionsAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: LoadMqttSessionsAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<IotRuleRow>> ListIotRulesAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListIotRulesAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<IotSpoolStats>> ReadIotSpoolStatsAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ReadIotSpoolStatsAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<IotSpoolBatch>> ListClaimedIotBatchesAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListClaimedIotBatchesAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<IotSpoolRow>> ReadIotSpoolBatchAsync(long batchId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ReadIotSpoolBatchAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<MqttQueuedRow>> ListMqttQueuedAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListMqttQueuedAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<IotCertificateRow>> ListIotCertificatesAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListIotCertificatesAsync is not written yet (issue 18).");
}
