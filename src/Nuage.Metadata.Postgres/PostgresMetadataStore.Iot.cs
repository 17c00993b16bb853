namespace Nuage.Metadata.Postgres;

/// <summary>
/// PostgresMetadataStore: device shadows, the IoT registry, rules and their spool, X.509 certificates and the MQTT
/// broker's state. The loads the contract calls "one consistent read" (the registry; sessions with their
/// subscriptions) run in one REPEATABLE READ snapshot, as SQLite runs them in one read transaction.
/// </summary>
public sealed partial class PostgresMetadataStore
{
    public ValueTask<ShadowRow?> GetShadowAsync(string accountId, string thingName, string shadowName, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var command = Command(connection, PostgresIotSql.SelectShadow, accountId, thingName, shadowName);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                return await reader.ReadAsync(token).ConfigureAwait(false) ? PostgresIotRows.Shadow(reader, accountId, thingName, shadowName) : null;
            },
            cancellationToken);

    public ValueTask<IReadOnlyList<string>> ListShadowNamesAsync(string accountId, string thingName, string after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            // A negative LIMIT is "no limit" on SQLite but an error on PostgreSQL.
            (connection, token) => PostgresIotReads.ListAsync<string>(
                connection, PostgresIotSql.ListShadowNames, static r => r.GetString(0), token, accountId, thingName, after, limit < 0 ? long.MaxValue : limit),
            cancellationToken);

    public ValueTask<IotRegistryRows> LoadIotRegistryAsync(CancellationToken cancellationToken) =>
        ReadSnapshotAsync(
            async (connection, token) => new IotRegistryRows(
                await PostgresIotReads.ListAsync(connection, PostgresIotSql.SelectThings, PostgresIotRows.Thing, token).ConfigureAwait(false),
                await PostgresIotReads.ListAsync(connection, PostgresIotSql.SelectGroups, PostgresIotRows.Group, token).ConfigureAwait(false),
                await PostgresIotReads.ListAsync(connection, PostgresIotSql.SelectMembers, PostgresIotRows.Member, token).ConfigureAwait(false),
                await PostgresIotReads.ListAsync(connection, PostgresIotSql.SelectCredentials, PostgresIotRows.Credential, token).ConfigureAwait(false),
                await PostgresIotReads.ListAsync(connection, PostgresIotSql.SelectPolicies, PostgresIotRows.Policy, token).ConfigureAwait(false),
                await PostgresIotReads.ListAsync(connection, PostgresIotSql.SelectAttachments, PostgresIotRows.Attachment, token).ConfigureAwait(false)),
            cancellationToken);

    public ValueTask<IReadOnlyList<MqttRetainedRow>> ListMqttRetainedAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresMqttStateSql.ListRetained, PostgresIotRows.Retained, token),
            cancellationToken);

    public ValueTask<MqttSessionRows> LoadMqttSessionsAsync(CancellationToken cancellationToken) =>
        ReadSnapshotAsync(
            async (connection, token) => new MqttSessionRows(
                await PostgresIotReads.ListAsync(connection, PostgresMqttStateSql.ListSessions, PostgresIotRows.Session, token).ConfigureAwait(false),
                await PostgresIotReads.ListAsync(connection, PostgresMqttStateSql.ListSubscriptions, PostgresIotRows.Subscription, token).ConfigureAwait(false)),
            cancellationToken);

    public ValueTask<IReadOnlyList<IotRuleRow>> ListIotRulesAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresIotRuleSql.ListRules, PostgresIotRows.Rule, token),
            cancellationToken);

    public ValueTask<IReadOnlyList<IotSpoolStats>> ReadIotSpoolStatsAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresIotRuleSql.Stats, PostgresIotRows.SpoolStats, token),
            cancellationToken);

    public ValueTask<IReadOnlyList<IotSpoolBatch>> ListClaimedIotBatchesAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresIotRuleSql.ListClaimed, PostgresIotRows.SpoolBatch, token),
            cancellationToken);

    public ValueTask<IReadOnlyList<IotSpoolRow>> ReadIotSpoolBatchAsync(long batchId, CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresIotRuleSql.ReadBatch, PostgresIotRows.SpoolRow, token, batchId),
            cancellationToken);

    public ValueTask<IReadOnlyList<MqttQueuedRow>> ListMqttQueuedAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresMqttStateSql.ListQueued, PostgresIotRows.Queued, token),
            cancellationToken);

    public ValueTask<IReadOnlyList<IotCertificateRow>> ListIotCertificatesAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) => PostgresIotReads.ListAsync(connection, PostgresIotSql.SelectCertificates, PostgresIotRows.Certificate, token),
            cancellationToken);
}
