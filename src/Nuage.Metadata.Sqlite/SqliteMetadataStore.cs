namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;
using Nuage.Telemetry;

/// <summary>
/// The embedded metadata engine: one SQLite file in WAL mode with synchronous=FULL (a commit is on disk before it
/// is acknowledged, DESIGN.md invariant 3), one group-committing writer and a pool of read-only connections.
/// </summary>
public sealed class SqliteMetadataStore : IMetadataStore
{
    private const int ReadPoolSize = 8;

    private readonly GroupCommitWriter _writer;
    private readonly WalCheckpointer _checkpointer;
    private readonly ReadConnectionPool _readers;
    private int _disposed;

    /// <param name="databasePath">The database file, e.g. &lt;data&gt;/metadata.db; created when missing.</param>
    /// <param name="metrics">Where the engine publishes its figures; a private registry when not given.</param>
    public SqliteMetadataStore(string databasePath, NuageMetrics? metrics = null)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Pooling off: this class pools its own connections and keeps their prepared statements alive.
        var writeConnection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        writeConnection.Open();
        Execute(writeConnection, "PRAGMA journal_mode = WAL");
        Execute(writeConnection, "PRAGMA synchronous = FULL");
        Execute(writeConnection, "PRAGMA busy_timeout = 5000");
        // The writer's page cache is sized by GroupCommitWriter (WriterCacheSize): 8 MiB, 64 MiB past 1 GiB.
        SchemaMigrator.Migrate(writeConnection);
        Execute(writeConnection, "PRAGMA wal_autocheckpoint = " + WalCheckpointer.WriterBackstopPages.ToString(System.Globalization.CultureInfo.InvariantCulture));

        metrics ??= new NuageMetrics();
        _checkpointer = new WalCheckpointer(databasePath, metrics);
        _writer = new GroupCommitWriter(writeConnection, metrics, _checkpointer.Committed);
        _readers = new ReadConnectionPool(
            new SqliteConnectionStringBuilder
            {
                DataSource = databasePath,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString(),
            ReadPoolSize);
    }

    public MetadataStatistics Statistics => _writer.Statistics;

    /// <summary>How long a batch of gathered writes waits for more (<see cref="CommitTiming.Gathered"/>); tests lengthen it to see the wait.</summary>
    internal TimeSpan GatherWindow
    {
        get => _writer.GatherWindow;
        set => _writer.GatherWindow = value;
    }

    public Task<T> WriteAsync<T>(Func<IMetadataTransaction, T> work, CancellationToken cancellationToken) =>
        _writer.Enqueue(work, CommitTiming.Prompt, cancellationToken);

    public Task<T> WriteAsync<T>(Func<IMetadataTransaction, T> work, CommitTiming timing, CancellationToken cancellationToken) =>
        _writer.Enqueue(work, timing, cancellationToken);

    public ValueTask<BucketRow?> GetBucketAsync(string name, CancellationToken cancellationToken) =>
        new(Read(name, static (c, n) => c.GetBucket(n)));

    public ValueTask<IReadOnlyList<BucketRow>> ListBucketsAsync(string owner, CancellationToken cancellationToken) =>
        new(Read<string, IReadOnlyList<BucketRow>>(owner, static (c, o) => c.ListBuckets(o)));

    // The federation's bucket registry (schema 016, issue 17).

    public ValueTask<BucketNameRow?> GetBucketNameAsync(string name, CancellationToken cancellationToken) =>
        new(Read(name, static (c, n) => c.GetBucketName(n)));

    public ValueTask<IReadOnlyList<BucketNameRow>> ListBucketNamesAsync(string owner, CancellationToken cancellationToken) =>
        new(Read<string, IReadOnlyList<BucketNameRow>>(owner, static (c, o) => c.ListBucketNames(o)));

    public ValueTask<ObjectRow?> GetObjectAsync(string bucket, string key, string? versionId, bool withData, CancellationToken cancellationToken)
    {
        var connection = _readers.Rent();
        try
        {
            return new(connection.GetObject(bucket, key, versionId, withData));
        }
        finally
        {
            _readers.Return(connection);
        }
    }

    public ValueTask<ObjectListing> ListObjectsAsync(ObjectListQuery query, CancellationToken cancellationToken) =>
        new(Read(query, static (c, q) => c.ListObjects(q)));

    public ValueTask<ObjectVersionListing> ListObjectVersionsAsync(ObjectVersionListQuery query, CancellationToken cancellationToken) =>
        new(Read(query, static (c, q) => c.ListObjectVersions(q)));

    public ValueTask<UploadRow?> GetUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        new(Read(uploadId, static (c, id) => c.GetUpload(id)));

    public ValueTask<IReadOnlyList<PartRow>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken cancellationToken) =>
        new(Read<(string, int, int), IReadOnlyList<PartRow>>((uploadId, afterPartNumber, limit), static (c, a) => c.ListParts(a.Item1, a.Item2, a.Item3)));

    public ValueTask<UploadListing> ListUploadsAsync(UploadListQuery query, CancellationToken cancellationToken) =>
        new(Read(query, static (c, q) => c.ListUploads(q)));

    public ValueTask<IReadOnlyList<UploadRow>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        new(Read<(DateTimeOffset, int), IReadOnlyList<UploadRow>>((cutoff, limit), static (c, a) => c.ListUploadsInitiatedBefore(a.Item1, a.Item2)));

    public ValueTask<IReadOnlyList<Guid>> ListGarbageAsync(int limit, CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<Guid>>(limit, static (c, l) => c.ListGarbage(l)));

    public ValueTask CollectReferencedBlobsAsync(Action<Guid> reference, CancellationToken cancellationToken)
    {
        Read(reference, static (c, sink) =>
        {
            c.CollectReferencedBlobs(sink);
            return true;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> GetObjectAclAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        new(Read((bucket, key, versionId), static (c, a) => c.GetObjectAcl(a.bucket, a.key, a.versionId)));

    public ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListBucketsWithSettingAsync(string name, CancellationToken cancellationToken) =>
        new(Read<string, IReadOnlyList<KeyValuePair<string, string>>>(name, static (c, n) => c.ListBucketsWithSetting(n)));

    public ValueTask<ObjectLockRow?> GetObjectLockAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        new(Read((bucket, key, versionId), static (c, a) => c.GetObjectLock(a.bucket, a.key, a.versionId)));

    public ValueTask<IdentityRows> LoadIdentityAsync(CancellationToken cancellationToken) =>
        new(Read(0, static (c, _) => c.LoadIdentity()));

    public ValueTask<IReadOnlyList<KmsKeyRow>> LoadKmsKeysAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<KmsKeyRow>>(0, static (c, _) => c.LoadKmsKeys()));

    public ValueTask<IReadOnlyDictionary<string, string>> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken) =>
        new(Read<string, IReadOnlyDictionary<string, string>>(bucket, static (c, b) => c.GetBucketSettings(b)));

    public ValueTask<StoreUsage> ReadUsageAsync(CancellationToken cancellationToken) =>
        new(Read(0, static (c, _) => c.ReadUsage()));

    public ValueTask<long> GetAccountStoredBytesAsync(string owner, CancellationToken cancellationToken) =>
        new(Read(owner, static (c, o) => c.AccountStoredBytes(o)));

    /// <summary>Graceful shutdown: every commit already queued is written and acknowledged, then the file is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.StopAsync().ConfigureAwait(false);
        _checkpointer.Dispose();
        _writer.Dispose();
        _readers.Dispose();
    }

    private TResult Read<TArg, TResult>(TArg argument, Func<ReadConnection, TArg, TResult> read)
    {
        var connection = _readers.Rent();
        try
        {
            return read(connection, argument);
        }
        finally
        {
            _readers.Return(connection);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // Device shadows (schema 013, issue 16).

    public ValueTask<ShadowRow?> GetShadowAsync(string accountId, string thingName, string shadowName, CancellationToken cancellationToken) =>
        new(Read((accountId, thingName, shadowName), static (c, a) => c.GetShadow(a.accountId, a.thingName, a.shadowName)));

    public ValueTask<IReadOnlyList<string>> ListShadowNamesAsync(string accountId, string thingName, string after, int limit, CancellationToken cancellationToken) =>
        new(Read<(string, string, string, int), IReadOnlyList<string>>(
            (accountId, thingName, after, limit), static (c, a) => c.ListShadowNames(a.Item1, a.Item2, a.Item3, a.Item4)));

    // IoT registry (issue 16, schema 014): one contiguous block, kept at the end for merges.
    public ValueTask<IotRegistryRows> LoadIotRegistryAsync(CancellationToken cancellationToken) =>
        new(Read(0, static (c, _) => c.LoadIotRegistry()));

    public ValueTask<IReadOnlyList<OutboxEntry>> ListDueOutboxEntriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        new(Read<(DateTimeOffset, int), IReadOnlyList<OutboxEntry>>((now, limit), static (c, a) => c.ListDueOutboxEntries(a.Item1, a.Item2)));

    public ValueTask<long> CountOutboxEntriesAsync(CancellationToken cancellationToken) =>
        new(Read(0, static (c, _) => c.CountOutboxEntries()));

    // MQTT broker state (issue 16 "Broker", schema 018): one contiguous block, kept at the end for merges.
    public ValueTask<IReadOnlyList<MqttRetainedRow>> ListMqttRetainedAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<MqttRetainedRow>>(0, static (c, _) => c.ListMqttRetained()));

    public ValueTask<MqttSessionRows> LoadMqttSessionsAsync(CancellationToken cancellationToken) =>
        new(Read(0, static (c, _) => c.LoadMqttSessions()));

    // IoT rules (issue 16, schema 017): one contiguous block, kept at the end for merges.
    public ValueTask<IReadOnlyList<IotRuleRow>> ListIotRulesAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<IotRuleRow>>(0, static (c, _) => c.ListIotRules()));

    public ValueTask<IReadOnlyList<IotSpoolStats>> ReadIotSpoolStatsAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<IotSpoolStats>>(0, static (c, _) => c.ReadIotSpoolStats()));

    public ValueTask<IReadOnlyList<IotSpoolBatch>> ListClaimedIotBatchesAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<IotSpoolBatch>>(0, static (c, _) => c.ListClaimedIotBatches()));

    public ValueTask<IReadOnlyList<IotSpoolRow>> ReadIotSpoolBatchAsync(long batchId, CancellationToken cancellationToken) =>
        new(Read<long, IReadOnlyList<IotSpoolRow>>(batchId, static (c, id) => c.ReadIotSpoolBatch(id)));

    // MQTT queued messages (issue 16, schema 021): one contiguous block, kept at the end for merges.
    public ValueTask<IReadOnlyList<MqttQueuedRow>> ListMqttQueuedAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<MqttQueuedRow>>(0, static (c, _) => c.ListMqttQueued()));

    // X.509 device certificates (issue 16, schema 020): one contiguous block, kept at the end for merges.
    public ValueTask<IReadOnlyList<IotCertificateRow>> ListIotCertificatesAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<IotCertificateRow>>(0, static (c, _) => c.ListIotCertificates()));

    // Engine-neutral contract (issue 18): kept at the end for merges.

    /// <summary>
    /// One writer thread owns the only write connection and runs units of work one after another, so two of them
    /// never conflict: SQLite has no serialization failure to retry, and each delegate runs exactly once. Another
    /// process holding the write lock past busy_timeout fails the batch (SQLITE_BUSY); it is not replayed.
    /// </summary>
    public WriteReplay WriteReplay => WriteReplay.Never;

    // Cross-region replication (issue 17, schema 019): one contiguous block, kept at the end for merges.
    public ValueTask<IReadOnlyList<ReplicationOutboxEntry>> ListDueReplicationEntriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        new(Read<(DateTimeOffset, int), IReadOnlyList<ReplicationOutboxEntry>>((now, limit), static (c, a) => c.ListDueReplicationEntries(a.Item1, a.Item2)));

    public ValueTask<string?> GetReplicationStatusAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        new(Read((bucket, key, versionId), static (c, a) => c.GetReplicationStatus(a.bucket, a.key, a.versionId)));

    public ValueTask<ReplicationMetadataStamp?> GetReplicationMetadataStampAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        new(Read((bucket, key, versionId), static (c, a) => c.GetReplicationMetadataStamp(a.bucket, a.key, a.versionId)));

    public ValueTask<IReadOnlyList<ReplicationBacklog>> ReadReplicationBacklogAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<ReplicationBacklog>>(0, static (c, _) => c.ReadReplicationBacklog()));

    // Bucket-name reconciliation (issue 17, docs/regions.md): kept at the end for merges.
    public ValueTask<IReadOnlyList<BucketNameRow>> ListBucketNamesInRegionAsync(string region, CancellationToken cancellationToken) =>
        new(Read<string, IReadOnlyList<BucketNameRow>>(region, static (c, r) => c.ListBucketNamesInRegion(r)));

    // Delayed MQTT wills (issue 16, schema 023): kept at the end for merges.
    public ValueTask<IReadOnlyList<MqttWillRow>> ListMqttWillsAsync(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<MqttWillRow>>(0, static (c, _) => c.ListMqttWills()));

    // MQTT QoS 2 exchanges awaiting PUBREL (issue 16, schema 026): kept at the end for merges.
    public ValueTask<IReadOnlyList<MqttReceivedQos2Row>> ListMqttReceivedQos2Async(CancellationToken cancellationToken) =>
        new(Read<int, IReadOnlyList<MqttReceivedQos2Row>>(0, static (c, _) => c.ListMqttReceivedQos2()));
}
