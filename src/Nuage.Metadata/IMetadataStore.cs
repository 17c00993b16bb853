namespace Nuage.Metadata;

/// <summary>
/// The metadata store: the record of what exists (DESIGN.md invariant 1). Writes are units of work that the engine
/// may group into one transaction with other writers (group commit); each completes only after its transaction is
/// durable. Reads see committed state only. Engines: SQLite (embedded default), PostgreSQL later.
/// </summary>
public interface IMetadataStore : IAsyncDisposable
{
    /// <summary>
    /// Runs <paramref name="work"/> inside a transaction and completes once that transaction is durably committed.
    /// If the delegate throws, nothing it did is kept and the task fails with that exception; other units of work
    /// sharing the transaction are unaffected. The delegate runs on the engine's writer: keep it short and never
    /// block on I/O other than the transaction's own.
    /// <para>
    /// The delegate may run more than once (<see cref="WriteReplay"/>): it must read and write only through its
    /// transaction and hand its result back by returning it, with no effect outside the transaction that a second
    /// run would repeat or that a rolled-back run would leave behind (an idempotent wake-up signal is fine).
    /// </para>
    /// <para>
    /// A failed task means nothing was committed: callers rely on it to reclaim what the write would have referenced
    /// (a new blob is deleted). An engine that loses its connection during COMMIT must find out whether the commit
    /// happened before it completes the task. A conflict that outlasted the engine's replays fails the task with
    /// <see cref="MetadataConflictException"/>.
    /// </para>
    /// </summary>
    Task<T> WriteAsync<T>(Func<IMetadataTransaction, T> work, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="WriteAsync{T}(Func{IMetadataTransaction, T}, CancellationToken)"/>, with how soon its commit must
    /// start: <see cref="CommitTiming.Gathered"/> lets the engine wait a little for more units to share the commit.
    /// The guarantees are the same (acknowledged means durable, units run in the order they came).
    /// </summary>
    Task<T> WriteAsync<T>(Func<IMetadataTransaction, T> work, CommitTiming timing, CancellationToken cancellationToken) =>
        WriteAsync(work, cancellationToken);

    ValueTask<BucketRow?> GetBucketAsync(string name, CancellationToken cancellationToken);

    /// <summary>Buckets of <paramref name="owner"/> by name in byte order.</summary>
    ValueTask<IReadOnlyList<BucketRow>> ListBucketsAsync(string owner, CancellationToken cancellationToken);

    // The federation's bucket registry (schema 016, issue 17): kept by the control region only.

    /// <summary>The registered bucket name, or null when no region holds it.</summary>
    ValueTask<BucketNameRow?> GetBucketNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every name the account holds in any region, in byte order.</summary>
    ValueTask<IReadOnlyList<BucketNameRow>> ListBucketNamesAsync(string owner, CancellationToken cancellationToken);

    /// <summary>
    /// The key's latest version (<paramref name="versionId"/> null; it may be a delete marker) or the named version,
    /// with its data location when <paramref name="withData"/> (inline bytes can be 128 KiB).
    /// </summary>
    ValueTask<ObjectRow?> GetObjectAsync(string bucket, string key, string? versionId, bool withData, CancellationToken cancellationToken);

    /// <summary>
    /// A listing page of current objects (latest versions that are not delete markers), done with index seeks: a
    /// common prefix is skipped by one seek, never read through.
    /// </summary>
    ValueTask<ObjectListing> ListObjectsAsync(ObjectListQuery query, CancellationToken cancellationToken);

    /// <summary>A ListObjectVersions page: every version and delete marker, keys in order, versions newest first.</summary>
    ValueTask<ObjectVersionListing> ListObjectVersionsAsync(ObjectVersionListQuery query, CancellationToken cancellationToken);

    ValueTask<UploadRow?> GetUploadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> parts with numbers greater than <paramref name="afterPartNumber"/>.</summary>
    ValueTask<IReadOnlyList<PartRow>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken cancellationToken);

    ValueTask<UploadListing> ListUploadsAsync(UploadListQuery query, CancellationToken cancellationToken);

    /// <summary>Uploads initiated before <paramref name="cutoff"/>, oldest first (abandoned-upload reclamation).</summary>
    ValueTask<IReadOnlyList<UploadRow>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);

    /// <summary>Blob ids waiting in the garbage table, oldest first.</summary>
    ValueTask<IReadOnlyList<Guid>> ListGarbageAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Hands every blob id any row references (objects, parts, garbage) to <paramref name="reference"/>, from one
    /// consistent read, streaming: the engine holds no set of them, so the caller decides what memory that takes
    /// (the startup sweep spills them to sorted runs on disk, issue 18 "bounded memory at any object count"). An id
    /// may come more than once.
    /// </summary>
    ValueTask CollectReferencedBlobsAsync(Action<Guid> reference, CancellationToken cancellationToken);

    /// <summary>The version's ACL (the IAM service's JSON), or null when it has the default one.</summary>
    ValueTask<string?> GetObjectAclAsync(string bucket, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>The version's retention and legal hold, or null when it has neither.</summary>
    ValueTask<ObjectLockRow?> GetObjectLockAsync(string bucket, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>Every account, IAM entity and access key (a few thousand rows at most), in one consistent read.</summary>
    ValueTask<IdentityRows> LoadIdentityAsync(CancellationToken cancellationToken);

    /// <summary>Every SSE-KMS key of every account (a few per account), in one read.</summary>
    ValueTask<IReadOnlyList<KmsKeyRow>> LoadKmsKeysAsync(CancellationToken cancellationToken);

    /// <summary>Every bucket that has setting <paramref name="name"/>, with its value, by bucket name.</summary>
    ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListBucketsWithSettingAsync(string name, CancellationToken cancellationToken);

    /// <summary>The bucket's configured settings (policy, ACL, ...) by name; empty when none is set.</summary>
    ValueTask<IReadOnlyDictionary<string, string>> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>Every bucket's objects and bytes, and the collector's backlog, as kept current by each commit.</summary>
    ValueTask<StoreUsage> ReadUsageAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The stored bytes of all buckets <paramref name="owner"/> owns: a sum over the account's usage rows (kept
    /// current by each commit), never a scan of objects.
    /// </summary>
    ValueTask<long> GetAccountStoredBytesAsync(string owner, CancellationToken cancellationToken);

    MetadataStatistics Statistics { get; }

    // Device shadows (schema 013, issue 16).

    /// <summary>The shadow's row (a deleted one has a null document), or null when it never existed.</summary>
    ValueTask<ShadowRow?> GetShadowAsync(string accountId, string thingName, string shadowName, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> names of the thing's existing named shadows after <paramref name="after"/>, in byte order.</summary>
    ValueTask<IReadOnlyList<string>> ListShadowNamesAsync(string accountId, string thingName, string after, int limit, CancellationToken cancellationToken);

    // IoT registry (issue 16, schema 014): one contiguous block, kept at the end for merges.

    /// <summary>Every thing, group, membership, device credential, IoT policy and attachment of every account, in one consistent read.</summary>
    ValueTask<IotRegistryRows> LoadIotRegistryAsync(CancellationToken cancellationToken);

    /// <summary>Outbox events due at <paramref name="now"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<OutboxEntry>> ListDueOutboxEntriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>How many events wait in the outbox.</summary>
    ValueTask<long> CountOutboxEntriesAsync(CancellationToken cancellationToken);

    // MQTT broker state (issue 16 "Broker", schema 018): one contiguous block, kept at the end for merges.

    /// <summary>Every retained MQTT message, expired ones included (the broker skips those).</summary>
    ValueTask<IReadOnlyList<MqttRetainedRow>> ListMqttRetainedAsync(CancellationToken cancellationToken);

    /// <summary>Every persistent MQTT session with its subscriptions, in one consistent read.</summary>
    ValueTask<MqttSessionRows> LoadMqttSessionsAsync(CancellationToken cancellationToken);

    // IoT rules (issue 16, schema 017): one contiguous block, kept at the end for merges.

    /// <summary>Every rule of every account, by account and name.</summary>
    ValueTask<IReadOnlyList<IotRuleRow>> ListIotRulesAsync(CancellationToken cancellationToken);

    /// <summary>Per rule with spooled rows: what waits unclaimed (count, bytes, oldest) and the whole depth.</summary>
    ValueTask<IReadOnlyList<IotSpoolStats>> ReadIotSpoolStatsAsync(CancellationToken cancellationToken);

    /// <summary>Batches claimed by the flusher whose rows are still spooled (written or not), oldest first.</summary>
    ValueTask<IReadOnlyList<IotSpoolBatch>> ListClaimedIotBatchesAsync(CancellationToken cancellationToken);

    /// <summary>The rows of one claimed batch, by seq.</summary>
    ValueTask<IReadOnlyList<IotSpoolRow>> ReadIotSpoolBatchAsync(long batchId, CancellationToken cancellationToken);

    // MQTT queued messages (issue 16, schema 021): one contiguous block, kept at the end for merges.

    /// <summary>Every message queued for a persistent session, by client id and seq.</summary>
    ValueTask<IReadOnlyList<MqttQueuedRow>> ListMqttQueuedAsync(CancellationToken cancellationToken);

    // X.509 device certificates (issue 16, schema 020): one contiguous block, kept at the end for merges.

    /// <summary>Every registered device certificate of every account.</summary>
    ValueTask<IReadOnlyList<IotCertificateRow>> ListIotCertificatesAsync(CancellationToken cancellationToken);

    // Engine-neutral contract (issue 18): kept at the end for merges.

    /// <summary>Whether <see cref="WriteAsync{T}"/> may run its delegate again after a serialization failure.</summary>
    WriteReplay WriteReplay { get; }

    // Cross-region replication (issue 17, schema 019): one contiguous block, kept at the end for merges.

    /// <summary>Replication outbox rows due at <paramref name="now"/> that are the oldest of their key, oldest first.</summary>
    ValueTask<IReadOnlyList<ReplicationOutboxEntry>> ListDueReplicationEntriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The version's x-amz-replication-status, or null when it has none.</summary>
    ValueTask<string?> GetReplicationStatusAsync(string bucket, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>What waits in the replication outbox, per bucket and rule.</summary>
    ValueTask<IReadOnlyList<ReplicationBacklog>> ReadReplicationBacklogAsync(CancellationToken cancellationToken);

    // Bucket-name reconciliation (issue 17, docs/regions.md): kept at the end for merges.

    /// <summary>Every name the registry places in <paramref name="region"/>, in byte order (the control region's registry).</summary>
    ValueTask<IReadOnlyList<BucketNameRow>> ListBucketNamesInRegionAsync(string region, CancellationToken cancellationToken);

    // Delayed MQTT wills (issue 16, schema 023): one contiguous block, kept at the end for merges.

    /// <summary>Every stored delayed will, armed (client connected) or pending (its delay running).</summary>
    ValueTask<IReadOnlyList<MqttWillRow>> ListMqttWillsAsync(CancellationToken cancellationToken);

    // MQTT QoS 2 exchanges awaiting PUBREL (issue 16, schema 026): one contiguous block, kept at the end for merges.

    /// <summary>Every received QoS 2 packet identifier of a persistent session whose PUBREL has not arrived.</summary>
    ValueTask<IReadOnlyList<MqttReceivedQos2Row>> ListMqttReceivedQos2Async(CancellationToken cancellationToken);

    // Last-writer-wins of metadata-only changes (issue 17, schema 027): one contiguous block, kept at the end for merges.

    /// <summary>The version's last replicating metadata change (<see cref="IMetadataTransaction.GetReplicationMetadataStamp"/>), or null.</summary>
    ValueTask<ReplicationMetadataStamp?> GetReplicationMetadataStampAsync(string bucket, string key, string versionId, CancellationToken cancellationToken);
}
