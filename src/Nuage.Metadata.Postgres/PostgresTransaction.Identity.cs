namespace Nuage.Metadata.Postgres;

using Nuage.Metadata.Core;

/// <summary>
/// PostgresTransaction: accounts, IAM entities, access keys, KMS keys, the federation's bucket registry, the event
/// outbox and the replication outbox, as the SQLite engine's WriteTransaction writes them (same statements, same
/// order).
/// </summary>
internal sealed partial class PostgresTransaction
{
    public BucketNameRow? GetBucketName(string name)
    {
        using var reader = Query(PostgresBucketRegistrySql.Select, name);
        return reader.Read() ? PostgresIdentityRows.BucketName(reader, name) : null;
    }

    public bool InsertBucketName(BucketNameRow row) =>
        Execute(PostgresBucketRegistrySql.Insert, row.Name, row.Owner, row.Region, UtcTicks.From(row.CreatedAt)) == 1;

    public bool DeleteBucketName(string name, string region) => Execute(PostgresBucketRegistrySql.Delete, name, region) == 1;

    public void PutAccount(AccountRow account) =>
        Execute(PostgresIdentitySql.UpsertAccount, account.Id, account.Name, UtcTicks.From(account.CreatedAt), account.Settings);

    public bool DeleteAccount(string accountId)
    {
        Execute(PostgresIdentitySql.DeleteIdentitiesOfAccount, accountId);
        Execute(PostgresIdentitySql.DeleteAccessKeysOfAccount, accountId);
        return Execute(PostgresIdentitySql.DeleteAccount, accountId) == 1;
    }

    public bool AccountOwnsBuckets(string accountId) => Scalar(PostgresIdentitySql.AccountOwnsBuckets, accountId) is true;

    public bool AccountExists(string accountId) => Scalar(PostgresIdentitySql.AccountExists, accountId) is true;

    public void PutIdentity(IdentityRow identity) =>
        Execute(
            PostgresIdentitySql.UpsertIdentity,
            identity.AccountId, (int)identity.Kind, identity.Name, identity.Id, UtcTicks.From(identity.CreatedAt), identity.Body);

    public bool DeleteIdentity(string accountId, IdentityKind kind, string name) =>
        Execute(PostgresIdentitySql.DeleteIdentity, accountId, (int)kind, name) == 1;

    public bool InsertAccessKey(AccessKeyRow key) =>
        Execute(
            PostgresIdentitySql.InsertAccessKey,
            key.AccessKeyId, key.AccountId, key.UserName, key.SealedSecret, key.Active, UtcTicks.From(key.CreatedAt)) == 1;

    public bool SetAccessKeyActive(string accessKeyId, bool active) =>
        Execute(PostgresIdentitySql.SetAccessKeyActive, accessKeyId, active) == 1;

    public bool DeleteAccessKey(string accessKeyId) => Execute(PostgresIdentitySql.DeleteAccessKey, accessKeyId) == 1;

    public void PutKmsKey(KmsKeyRow key) => Execute(PostgresIdentitySql.UpsertKmsKey, key.KeyId, key.AccountId, key.Body);

    public void AddOutboxEntry(string destination, string body) =>
        Execute(PostgresOutboxSql.Insert, destination, body, UtcTicks.From(Now));

    public void CompleteOutboxEntry(long seq) => Execute(PostgresOutboxSql.Delete, seq);

    public void DeferOutboxEntry(long seq, int attempts, DateTimeOffset nextAttemptAt) =>
        Execute(PostgresOutboxSql.Defer, seq, attempts, UtcTicks.From(nextAttemptAt));

    public void AddReplicationEntry(string bucket, string key, string versionId, string ruleId, string destinationBucket, bool isDeleteMarker, long size, DateTimeOffset createdAt) =>
        Execute(
            PostgresReplicationSql.Insert,
            bucket, Utf8Keys.Encode(key), versionId, ruleId, destinationBucket, isDeleteMarker, size, UtcTicks.From(createdAt));

    public void CompleteReplicationEntry(long seq) => Execute(PostgresReplicationSql.Delete, seq);

    public void DeferReplicationEntry(long seq, int attempts, DateTimeOffset nextAttemptAt, string error) =>
        Execute(PostgresReplicationSql.Defer, seq, attempts, UtcTicks.From(nextAttemptAt), error);

    public bool HasReplicationEntries(string bucket, string key, string versionId) =>
        Scalar(PostgresReplicationSql.ExistsForVersion, bucket, Utf8Keys.Encode(key), versionId) is true;

    public void SetReplicationStatus(string bucket, string key, string versionId, string? status)
    {
        if (status is null)
        {
            Execute(PostgresReplicationSql.DeleteStatus, bucket, Utf8Keys.Encode(key), versionId);
        }
        else
        {
            Execute(PostgresReplicationSql.UpsertStatus, bucket, Utf8Keys.Encode(key), versionId, status);
        }
    }

    // Replication of metadata-only changes (issue 17, schema 024): kept at the end for merges.
    public void AddReplicationMetadataEntry(string bucket, string key, string versionId, string ruleId, string destinationBucket, DateTimeOffset createdAt) =>
        Execute(PostgresReplicationSql.InsertMetadata, bucket, Utf8Keys.Encode(key), versionId, ruleId, destinationBucket, UtcTicks.From(createdAt));

    public string? GetReplicationStatus(string bucket, string key, string versionId) =>
        Scalar(PostgresReplicationSql.SelectStatus, bucket, Utf8Keys.Encode(key), versionId) as string;

    // Last-writer-wins of metadata-only changes (issue 17, schema 027): kept at the end for merges.
    public ReplicationMetadataStamp? GetReplicationMetadataStamp(string bucket, string key, string versionId)
    {
        using var reader = Query(PostgresReplicationSql.SelectStamp, bucket, Utf8Keys.Encode(key), versionId);
        return PostgresIdentityRows.Stamp(reader);
    }

    public bool SetReplicationMetadataStamp(string bucket, string key, string versionId, ReplicationMetadataStamp stamp) =>
        Execute(PostgresReplicationSql.SetStamp, bucket, Utf8Keys.Encode(key), versionId, stamp.Ticks, stamp.Region) > 0;
}
