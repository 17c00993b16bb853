using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests.Replication;

/// <summary>
/// A version replicated by several rules shows FAILED when any of them was refused for good, even if another rule's
/// push completed later (AWS: with several destinations the source's status is COMPLETED only when every one is).
/// </summary>
public abstract class ReplicationStatusTests(MetadataEngine engine)
{
    [Fact]
    public async Task Completed_never_replaces_failed_but_replaces_pending()
    {
        await using var s = new StorageFixture(engine: engine);
        await s.CreateBucketAsync("bucket-r");
        var info = await s.PutAsync("bucket-r", "k", [1, 2, 3]);
        string version = info.VersionId ?? "null";

        await s.Metadata.WriteAsync(tx => { tx.SetReplicationStatus("bucket-r", "k", version, "PENDING"); return true; }, CancellationToken.None);
        await s.Metadata.WriteAsync(tx => { tx.SetReplicationStatus("bucket-r", "k", version, "FAILED"); return true; }, CancellationToken.None);
        await s.Metadata.WriteAsync(tx => { tx.SetReplicationStatus("bucket-r", "k", version, "COMPLETED"); return true; }, CancellationToken.None);
        Assert.Equal("FAILED", await s.Metadata.GetReplicationStatusAsync("bucket-r", "k", version, CancellationToken.None));

        await s.Metadata.WriteAsync(tx => { tx.SetReplicationStatus("bucket-r", "k", version, "PENDING"); return true; }, CancellationToken.None);
        await s.Metadata.WriteAsync(tx => { tx.SetReplicationStatus("bucket-r", "k", version, "COMPLETED"); return true; }, CancellationToken.None);
        Assert.Equal("COMPLETED", await s.Metadata.GetReplicationStatusAsync("bucket-r", "k", version, CancellationToken.None));
    }
}

public sealed class ReplicationStatusTestsOnSqlite() : ReplicationStatusTests(MetadataEngine.Sqlite);

public sealed class ReplicationStatusTestsOnPostgres() : ReplicationStatusTests(MetadataEngine.Postgres);
