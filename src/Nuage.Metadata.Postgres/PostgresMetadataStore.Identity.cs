namespace Nuage.Metadata.Postgres;

using System.Data.Common;
using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// PostgresMetadataStore: accounts, IAM entities, access keys, KMS keys, the federation's bucket registry, the event
/// outbox and the replication outbox, read on pooled connections as the SQLite engine's ReadConnection reads them.
/// </summary>
public sealed partial class PostgresMetadataStore
{
    public ValueTask<BucketNameRow?> GetBucketNameAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var command = Command(connection, PostgresBucketRegistrySql.Select, name);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                return await reader.ReadAsync(token).ConfigureAwait(false) ? PostgresIdentityRows.BucketName(reader, name) : null;
            },
            cancellationToken);

    public async ValueTask<IReadOnlyList<BucketNameRow>> ListBucketNamesAsync(string owner, CancellationToken cancellationToken) =>
        await ReadAsync(
            (connection, token) => ReadIdentityAreaRowsAsync(connection, PostgresBucketRegistrySql.ListByOwner, r => PostgresIdentityRows.BucketNameOfOwner(r, owner), token, owner),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Accounts, entities and keys of one snapshot: a key is never loaded without the account it belongs to.</summary>
    public ValueTask<IdentityRows> LoadIdentityAsync(CancellationToken cancellationToken) =>
        ReadSnapshotAsync(
            async (connection, token) =>
            {
                var accounts = await ReadIdentityAreaRowsAsync(connection, PostgresIdentitySql.SelectAccounts, PostgresIdentityRows.Account, token).ConfigureAwait(false);
                var entities = await ReadIdentityAreaRowsAsync(connection, PostgresIdentitySql.SelectIdentities, PostgresIdentityRows.Identity, token).ConfigureAwait(false);
                var keys = await ReadIdentityAreaRowsAsync(connection, PostgresIdentitySql.SelectAccessKeys, PostgresIdentityRows.AccessKey, token).ConfigureAwait(false);
                return new IdentityRows(accounts, entities, keys);
            },
            cancellationToken);

    public async ValueTask<IReadOnlyList<KmsKeyRow>> LoadKmsKeysAsync(CancellationToken cancellationToken) =>
        await ReadSnapshotAsync(
            (connection, token) => ReadIdentityAreaRowsAsync(connection, PostgresIdentitySql.SelectKmsKeys, PostgresIdentityRows.KmsKey, token),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<OutboxEntry>> ListDueOutboxEntriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(
            (connection, token) => ReadIdentityAreaRowsAsync(connection, PostgresOutboxSql.ListDue, PostgresIdentityRows.Outbox, token, UtcTicks.From(now), limit),
            cancellationToken).ConfigureAwait(false);

    public ValueTask<long> CountOutboxEntriesAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var command = Command(connection, PostgresOutboxSql.Count);
                return (long)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
            },
            cancellationToken);

    public async ValueTask<IReadOnlyList<ReplicationOutboxEntry>> ListDueReplicationEntriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(
            (connection, token) => ReadIdentityAreaRowsAsync(connection, PostgresReplicationSql.ListDue, PostgresIdentityRows.Replication, token, UtcTicks.From(now), limit),
            cancellationToken).ConfigureAwait(false);

    public ValueTask<string?> GetReplicationStatusAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var command = Command(connection, PostgresReplicationSql.SelectStatus, bucket, Utf8Keys.Encode(key), versionId);
                return await command.ExecuteScalarAsync(token).ConfigureAwait(false) as string;
            },
            cancellationToken);

    public ValueTask<ReplicationMetadataStamp?> GetReplicationMetadataStampAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var command = Command(connection, PostgresReplicationSql.SelectStamp, bucket, Utf8Keys.Encode(key), versionId);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                return PostgresIdentityRows.Stamp(reader);
            },
            cancellationToken);

    public async ValueTask<IReadOnlyList<ReplicationBacklog>> ReadReplicationBacklogAsync(CancellationToken cancellationToken) =>
        await ReadAsync(
            (connection, token) => ReadIdentityAreaRowsAsync(connection, PostgresReplicationSql.Backlog, PostgresIdentityRows.Backlog, token),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<BucketNameRow>> ListBucketNamesInRegionAsync(string region, CancellationToken cancellationToken) =>
        await ReadAsync(
            (connection, token) => ReadIdentityAreaRowsAsync(connection, PostgresBucketRegistrySql.ListByRegion, r => PostgresIdentityRows.BucketNameInRegion(r, region), token, region),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Every row of a query of the identity area, mapped by <paramref name="map"/>.</summary>
    private static async Task<IReadOnlyList<T>> ReadIdentityAreaRowsAsync<T>(
        NpgsqlConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params object?[] arguments)
    {
        await using var command = Command(connection, sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
