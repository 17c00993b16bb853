namespace Nuage.Metadata.Postgres;

/// <summary>PostgresTransaction: accounts, IAM entities, access keys, KMS keys, the federation's bucket registry, the event outbox and the replication outbox.</summary>
internal sealed partial class PostgresTransaction
{
    public BucketNameRow? GetBucketName(string name) =>
        throw new NotSupportedException("PostgreSQL engine: GetBucketName is not written yet (issue 18).");

    public bool InsertBucketName(BucketNameRow row) =>
        throw new NotSupportedException("PostgreSQL engine: InsertBucketName is not written yet (issue 18).");

    public bool DeleteBucketName(string name, string region) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteBucketName is not written yet (issue 18).");

    public void PutAccount(AccountRow account) =>
        throw new NotSupportedException("PostgreSQL engine: PutAccount is not written yet (issue 18).");

    public bool DeleteAccount(string accountId) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteAccount is not written yet (issue 18).");

    public bool AccountOwnsBuckets(string accountId) =>
        throw new NotSupportedException("PostgreSQL engine: AccountOwnsBuckets is not written yet (issue 18).");

    public void PutIdentity(IdentityRow identity) =>
        throw new NotSupportedException("PostgreSQL engine: PutIdentity is not written yet (issue 18).");

    public bool DeleteIdentity(string accountId, IdentityKind kind, string name) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIdentity is not written yet (issue 18).");

    public bool InsertAccessKey(AccessKeyRow key) =>
        throw new NotSupportedException("PostgreSQL engine: InsertAccessKey is not written yet (issue 18).");

    public bool SetAccessKeyActive(string accessKeyId, bool active) =>
        throw new NotSupportedException("PostgreSQL engine: SetAccessKeyActive is not written yet (issue 18).");

    public bool DeleteAccessKey(string accessKeyId) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteAccessKey is not written yet (issue 18).");

    public void PutKmsKey(KmsKeyRow key) =>
        throw new NotSupportedException("PostgreSQL engine: PutKmsKey is not written yet (issue 18).");

    public void AddOutboxEntry(string destination, string body) =>
        throw new NotSupportedException("PostgreSQL engine: AddOutboxEntry is not written yet (issue 18).");

    public void CompleteOutboxEntry(long seq) =>
        throw new NotSupportedException("PostgreSQL engine: CompleteOutboxEntry is not written yet (issue 18).");

    public void DeferOutboxEntry(long seq, int attempts, DateTimeOffset nextAttemptAt) =>
        throw new NotSupportedException("PostgreSQL engine: DeferOutboxEntry is not written yet (issue 18).");

    public void AddReplicationEntry(string bucket, string key, string versionId, string ruleId, string destinationBucket, bool isDeleteMarker, long size, DateTimeOffset createdAt) =>
        throw new NotSupportedException("PostgreSQL engine: AddReplicationEntry is not written yet (issue 18).");

    public void CompleteReplicationEntry(long seq) =>
        throw new NotSupportedException("PostgreSQL engine: CompleteReplicationEntry is not written yet (issue 18).");

    public void DeferReplicationEntry(long seq, int attempts, DateTimeOffset nextAttemptAt, string error) =>
        throw new NotSupportedException("PostgreSQL engine: DeferReplicationEntry is not written yet (issue 18).");

    public bool HasReplicationEntries(string bucket, string key, string versionId) =>
        throw new NotSupportedException("PostgreSQL engine: HasReplicationEntries is not written yet (issue 18).");

    public void SetReplicationStatus(string bucket, string key, string versionId, string? status) =>
        throw new NotSupportedException("PostgreSQL engine: SetReplicationStatus is not written yet (issue 18).");
}
