namespace Nuage.Metadata.Postgres;

/// <summary>PostgresMetadataStore: accounts, IAM entities, access keys, KMS keys, the federation's bucket registry, the event outbox and the replication outbox.</summary>
public sealed partial class PostgresMetadataStore
{
    public ValueTask<BucketNameRow?> GetBucketNameAsync(string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetBucketNameAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<BucketNameRow>> ListBucketNamesAsync(string owner, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListBucketNamesAsync is not written yet (issue 18).");

    public ValueTask<IdentityRows> LoadIdentityAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: LoadIdentityAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<KmsKeyRow>> LoadKmsKeysAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: LoadKmsKeysAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<OutboxEntry>> ListDueOutboxEntriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListDueOutboxEntriesAsync is not written yet (issue 18).");

    public ValueTask<long> CountOutboxEntriesAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: CountOutboxEntriesAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<ReplicationOutboxEntry>> ListDueReplicationEntriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListDueReplicationEntriesAsync is not written yet (issue 18).");

    public ValueTask<string?> GetReplicationStatusAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetReplicationStatusAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<ReplicationBacklog>> ReadReplicationBacklogAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ReadReplicationBacklogAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<BucketNameRow>> ListBucketNamesInRegionAsync(string region, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListBucketNamesInRegionAsync is not written yet (issue 18).");
}
