using Nuage.Metadata;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests.Replication;

/// <summary>
/// The replication outbox and the versions' replication status as the metadata store keeps them (schema 019), on each
/// engine: a key's versions leave in commit order (only the oldest row of a key is due, and a deferred row holds back
/// the newer rows of its key, never other keys), the backlog figures, and the status rule that one rule's COMPLETED
/// does not hide another's FAILED, and a replicating version's last metadata stamp (schema 027). Keys outside ASCII
/// round-trip exactly (PostgreSQL stores them as UTF-8 bytes).
/// </summary>
public abstract class ReplicationOutboxStoreTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Bucket = "source";
    private const string Unicode = "é/日本/🙂";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StorageFixture _s = new(engine: engine);

    private IMetadataStore Store => _s.Metadata;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Only_the_oldest_row_of_a_key_is_due_and_a_deferred_row_holds_back_its_key_alone()
    {
        await AddAsync("k1", "v1", "r1", size: 1);
        await AddAsync("k1", "v2", "r1", size: 2);
        await AddAsync("k2", "v1", "r1", size: 3);
        await AddAsync(Unicode, "v1", "r1", size: 4);

        var due = await Store.ListDueReplicationEntriesAsync(T0, 100, None);
        Assert.Equal([("k1", "v1"), ("k2", "v1"), (Unicode, "v1")], due.Select(e => (e.Key, e.VersionId)));
        Assert.True(due[0].Seq < due[1].Seq && due[1].Seq < due[2].Seq);
        var first = due[0];
        Assert.Equal((Bucket, "r1", "dest-r1", false, 1L, T0, 0, T0, (string?)null),
            (first.Bucket, first.RuleId, first.DestinationBucket, first.IsDeleteMarker, first.Size, first.CreatedAt, first.Attempts, first.NextAttemptAt, first.LastError));
        Assert.Single(await Store.ListDueReplicationEntriesAsync(T0, 1, None));
        Assert.Empty(await Store.ListDueReplicationEntriesAsync(T0.AddTicks(-1), 100, None));

        // k1's first version is refused for now: k1's second waits behind it, the other keys do not.
        await WriteAsync(tx => tx.DeferReplicationEntry(first.Seq, 1, T0.AddMinutes(5), "503 SlowDown"));
        Assert.Equal(["k2", Unicode], (await Store.ListDueReplicationEntriesAsync(T0.AddMinutes(1), 100, None)).Select(e => e.Key));
        var retried = (await Store.ListDueReplicationEntriesAsync(T0.AddMinutes(5), 100, None))[0];
        Assert.Equal((first.Seq, 1, T0.AddMinutes(5), "503 SlowDown"), (retried.Seq, retried.Attempts, retried.NextAttemptAt, retried.LastError));

        // Once it is pushed, the key's next version is due.
        await WriteAsync(tx => tx.CompleteReplicationEntry(first.Seq));
        Assert.Equal([("k1", "v2"), ("k2", "v1"), (Unicode, "v1")],
            (await Store.ListDueReplicationEntriesAsync(T0.AddMinutes(1), 100, None)).Select(e => (e.Key, e.VersionId)));
    }

    [Fact]
    public async Task A_version_has_entries_until_the_last_rules_row_is_completed()
    {
        await AddAsync(Unicode, "v1", "r1", size: 1);
        await AddAsync(Unicode, "v1", "r2", size: 1, deleteMarker: true);
        Assert.True(await Store.WriteAsync(tx => tx.HasReplicationEntries(Bucket, Unicode, "v1"), None));
        Assert.False(await Store.WriteAsync(tx => tx.HasReplicationEntries(Bucket, Unicode, "v2"), None));
        Assert.False(await Store.WriteAsync(tx => tx.HasReplicationEntries(Bucket, "é/日本", "v1"), None));

        var rows = await Store.ListDueReplicationEntriesAsync(T0, 100, None);
        var only = Assert.Single(rows); // the second rule's row waits behind the first: same key
        Assert.Equal("r1", only.RuleId);
        await WriteAsync(tx => tx.CompleteReplicationEntry(only.Seq));
        var second = Assert.Single(await Store.ListDueReplicationEntriesAsync(T0, 100, None));
        Assert.Equal(("r2", true), (second.RuleId, second.IsDeleteMarker));
        Assert.True(await Store.WriteAsync(tx => tx.HasReplicationEntries(Bucket, Unicode, "v1"), None));

        await WriteAsync(tx => tx.CompleteReplicationEntry(second.Seq));
        Assert.False(await Store.WriteAsync(tx => tx.HasReplicationEntries(Bucket, Unicode, "v1"), None));
        Assert.Empty(await Store.ListDueReplicationEntriesAsync(T0.AddYears(1), 100, None));
    }

    [Fact]
    public async Task The_backlog_counts_objects_bytes_the_oldest_write_and_the_retrying_rows_per_rule()
    {
        Assert.Empty(await Store.ReadReplicationBacklogAsync(None));
        await AddAsync("a", "v1", "r1", size: 10, createdAt: T0.AddSeconds(2));
        await AddAsync("b", "v1", "r1", size: 20, createdAt: T0);
        await AddAsync("c", "v1", "r1", size: 5_000_000_000, createdAt: T0.AddSeconds(1));
        await AddAsync("a", "v1", "r2", size: 7, createdAt: T0.AddSeconds(3));
        var b = (await Store.ListDueReplicationEntriesAsync(T0.AddHours(1), 100, None)).Single(e => e.Key == "b");
        await WriteAsync(tx => tx.DeferReplicationEntry(b.Seq, 3, T0.AddHours(2), "refused"));

        var backlog = await Store.ReadReplicationBacklogAsync(None);
        Assert.Equal(
            [
                new ReplicationBacklog(Bucket, "r1", "dest-r1", 3, 5_000_000_030, T0, 1),
                new ReplicationBacklog(Bucket, "r2", "dest-r2", 1, 7, T0.AddSeconds(3), 0),
            ],
            backlog);
    }

    [Fact]
    public async Task Completed_never_replaces_failed_and_null_removes_the_status()
    {
        Assert.Null(await Store.GetReplicationStatusAsync(Bucket, Unicode, "v1", None));
        await SetStatusAsync("v1", "PENDING");
        await SetStatusAsync("v2", "REPLICA");
        Assert.Equal("PENDING", await Store.GetReplicationStatusAsync(Bucket, Unicode, "v1", None));

        await SetStatusAsync("v1", "FAILED");
        await SetStatusAsync("v1", "COMPLETED");
        Assert.Equal("FAILED", await Store.GetReplicationStatusAsync(Bucket, Unicode, "v1", None));
        await SetStatusAsync("v1", "PENDING"); // a new attempt of every rule
        await SetStatusAsync("v1", "COMPLETED");
        Assert.Equal("COMPLETED", await Store.GetReplicationStatusAsync(Bucket, Unicode, "v1", None));

        await SetStatusAsync("v1", null);
        Assert.Null(await Store.GetReplicationStatusAsync(Bucket, Unicode, "v1", None));
        Assert.Equal("REPLICA", await Store.GetReplicationStatusAsync(Bucket, Unicode, "v2", None));
        Assert.Null(await Store.GetReplicationStatusAsync(Bucket, "é/日本", "v2", None));
    }

    [Fact]
    public async Task A_metadata_change_waits_in_its_keys_order_behind_the_version_and_is_marked_metadata_only()
    {
        await AddAsync(Unicode, "v1", "r1", size: 9);
        await WriteAsync(tx => tx.AddReplicationMetadataEntry(Bucket, Unicode, "v1", "r1", "dest-r1", T0.AddSeconds(1)));
        await AddAsync("other", "v1", "r1", size: 1);

        // The change is the key's second row: not due before the version's push is done, other keys go on meanwhile.
        var due = await Store.ListDueReplicationEntriesAsync(T0.AddMinutes(1), 100, None);
        Assert.Equal([(Unicode, false), ("other", false)], due.Select(e => (e.Key, e.MetadataOnly)));
        await WriteAsync(tx => tx.CompleteReplicationEntry(due[0].Seq));
        var change = (await Store.ListDueReplicationEntriesAsync(T0.AddMinutes(1), 100, None)).Single(e => e.Key == Unicode);
        Assert.Equal((true, "v1", "r1", "dest-r1", false, 0L, T0.AddSeconds(1), 0), (change.MetadataOnly, change.VersionId, change.RuleId,
            change.DestinationBucket, change.IsDeleteMarker, change.Size, change.CreatedAt, change.Attempts));
        Assert.DoesNotContain(await Store.ListDueReplicationEntriesAsync(T0, 100, None), e => e.Key == Unicode); // due from the change's time
        Assert.True(await Store.WriteAsync(tx => tx.HasReplicationEntries(Bucket, Unicode, "v1"), None));
        var backlog = Assert.Single(await Store.ReadReplicationBacklogAsync(None));
        Assert.Equal((2L, 1L), (backlog.Objects, backlog.Bytes));

        // The transaction reads the status it decides with (a REPLICA's changes go back only with ReplicaModifications).
        await SetStatusAsync("v1", "REPLICA");
        Assert.Equal("REPLICA", await Store.WriteAsync(tx => tx.GetReplicationStatus(Bucket, Unicode, "v1"), None));
        Assert.Null(await Store.WriteAsync(tx => tx.GetReplicationStatus(Bucket, Unicode, "v2"), None));
    }

    [Fact]
    public async Task A_replicating_version_keeps_its_last_metadata_stamp_and_one_without_a_status_keeps_none()
    {
        await SetStatusAsync("v1", "PENDING");
        Assert.Null(await Store.GetReplicationMetadataStampAsync(Bucket, Unicode, "v1", None));
        Assert.Null(await Store.WriteAsync(tx => tx.GetReplicationMetadataStamp(Bucket, Unicode, "v1"), None));

        var paris = new ReplicationMetadataStamp(T0.UtcTicks, "paris");
        Assert.True(await Store.WriteAsync(tx => tx.SetReplicationMetadataStamp(Bucket, Unicode, "v1", paris), None));
        Assert.Equal(paris, await Store.GetReplicationMetadataStampAsync(Bucket, Unicode, "v1", None));
        Assert.Equal(paris, await Store.WriteAsync(tx => tx.GetReplicationMetadataStamp(Bucket, Unicode, "v1"), None));

        // The status moving on keeps the stamp (the worker's COMPLETED after a push); a later stamp replaces it.
        await SetStatusAsync("v1", "COMPLETED");
        Assert.Equal(paris, await Store.GetReplicationMetadataStampAsync(Bucket, Unicode, "v1", None));
        var dubai = new ReplicationMetadataStamp(T0.UtcTicks + 1, "dubai");
        Assert.True(await Store.WriteAsync(tx => tx.SetReplicationMetadataStamp(Bucket, Unicode, "v1", dubai), None));
        Assert.Equal(dubai, await Store.GetReplicationMetadataStampAsync(Bucket, Unicode, "v1", None));

        // A version that does not replicate has no status row and keeps no stamp.
        Assert.False(await Store.WriteAsync(tx => tx.SetReplicationMetadataStamp(Bucket, Unicode, "v2", paris), None));
        Assert.Null(await Store.GetReplicationMetadataStampAsync(Bucket, Unicode, "v2", None));
    }

    private Task AddAsync(string key, string versionId, string ruleId, long size, bool deleteMarker = false, DateTimeOffset? createdAt = null) =>
        WriteAsync(tx => tx.AddReplicationEntry(Bucket, key, versionId, ruleId, "dest-" + ruleId, deleteMarker, size, createdAt ?? T0));

    private Task SetStatusAsync(string versionId, string? status) =>
        WriteAsync(tx => tx.SetReplicationStatus(Bucket, Unicode, versionId, status));

    private Task WriteAsync(Action<IMetadataTransaction> write) =>
        Store.WriteAsync(tx => { write(tx); return true; }, None);
}

public sealed class ReplicationOutboxStoreTestsOnSqlite() : ReplicationOutboxStoreTests(MetadataEngine.Sqlite);

public sealed class ReplicationOutboxStoreTestsOnPostgres() : ReplicationOutboxStoreTests(MetadataEngine.Postgres);
