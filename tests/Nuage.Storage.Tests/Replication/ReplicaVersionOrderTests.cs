using System.Security.Cryptography;
using Nuage.Metadata;
using Nuage.Storage.Buckets;
using Nuage.Storage.Objects;
using Nuage.Storage.Replication;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests.Replication;

/// <summary>
/// Issue 17, version order at a destination: a replica that arrives after newer local versions of its key takes its
/// place in the key's history by its source time (AWS: replication keeps the source's version order, and with two-way
/// replication the version with the latest creation time is the latest at both ends), never becomes current, and the
/// usage counters stay exact while it is placed and when the versions above it are removed.
/// </summary>
public abstract class ReplicaVersionOrderTests(MetadataEngine engine)
{
    private const string Bucket = "bucket-order";

    [Fact]
    public async Task An_older_replica_arriving_late_lists_below_the_newer_local_versions_and_never_becomes_current()
    {
        await using var s = new StorageFixture(engine: engine);
        await s.CreateBucketAsync(Bucket);
        await s.BucketService.SetVersioningAsync(Bucket, VersioningState.Enabled, CancellationToken.None);
        var replicas = new ReplicaService(s.Metadata, s.Blobs, s.Options, s.Objects, new BucketReplications(s.Metadata));

        var first = await s.PutAsync(Bucket, "k", new byte[10]);
        await Task.Delay(50);
        var second = await s.PutAsync(Bucket, "k", new byte[20]);
        Assert.True(second.LastModified > first.LastModified);

        // Two replicas arrive after both local versions: one older than both, one written between them.
        var oldest = await ReplicateAsync(replicas, "replica-oldest", first.LastModified.AddHours(-2), new byte[3]);
        var between = await ReplicateAsync(
            replicas, "replica-between", first.LastModified + ((second.LastModified - first.LastModified) / 2), new byte[5]);

        Assert.Equal([second.VersionId!, between, first.VersionId!, oldest], await VersionIdsAsync(s));
        Assert.Equal([true, false, false, false], (await VersionsAsync(s)).Select(v => v.IsLatest));
        Assert.Equal(20, (await s.GetAsync(Bucket, "k")).Length);
        Assert.Equal(new BucketUsage(Bucket, 1, 20, 10 + 20 + 3 + 5), await UsageAsync(s));

        // Removing the current version makes the next later one current: the replica written between the two.
        await s.Objects.DeleteObjectAsync(Bucket, "k", second.VersionId, CancellationToken.None);
        Assert.Equal([between, first.VersionId!, oldest], await VersionIdsAsync(s));
        Assert.Equal(5, (await s.GetAsync(Bucket, "k")).Length);
        Assert.Equal(new BucketUsage(Bucket, 1, 5, 10 + 3 + 5), await UsageAsync(s));

        await s.Objects.DeleteObjectAsync(Bucket, "k", between, CancellationToken.None);
        Assert.Equal(10, (await s.GetAsync(Bucket, "k")).Length);
        await s.Objects.DeleteObjectAsync(Bucket, "k", first.VersionId, CancellationToken.None);
        Assert.Equal(3, (await s.GetAsync(Bucket, "k")).Length);
        Assert.Equal(new BucketUsage(Bucket, 1, 3, 3), await UsageAsync(s));

        // A later local write still goes on top of the history.
        var third = await s.PutAsync(Bucket, "k", new byte[7]);
        Assert.Equal([third.VersionId!, oldest], await VersionIdsAsync(s));
        Assert.Equal(new BucketUsage(Bucket, 1, 7, 10), await UsageAsync(s));
    }

    [Fact]
    public async Task A_replica_later_than_the_current_version_still_becomes_current()
    {
        await using var s = new StorageFixture(engine: engine);
        await s.CreateBucketAsync(Bucket);
        await s.BucketService.SetVersioningAsync(Bucket, VersioningState.Enabled, CancellationToken.None);
        var replicas = new ReplicaService(s.Metadata, s.Blobs, s.Options, s.Objects, new BucketReplications(s.Metadata));

        var local = await s.PutAsync(Bucket, "k", new byte[10]);
        var later = await ReplicateAsync(replicas, "replica-later", local.LastModified.AddMinutes(5), new byte[4]);

        Assert.Equal([later, local.VersionId!], await VersionIdsAsync(s));
        Assert.Equal(4, (await s.GetAsync(Bucket, "k")).Length);
        Assert.Equal(new BucketUsage(Bucket, 1, 4, 14), await UsageAsync(s));
    }

    private static async Task<string> ReplicateAsync(ReplicaService replicas, string versionId, DateTimeOffset lastModified, byte[] body)
    {
        var version = new ReplicaVersion(
            "k", versionId, lastModified, "dubai", IsDeleteMarker: false, body.Length, Convert.ToHexStringLower(MD5.HashData(body)),
            StoredAttributes.Empty, null, null, null, null);
        Assert.Equal(ReplicaWriteOutcome.Written, await replicas.WriteAsync(Bucket, StorageFixture.Owner, version, new MemoryStream(body), CancellationToken.None));
        return versionId;
    }

    private static async Task<IReadOnlyList<ObjectVersionSummary>> VersionsAsync(StorageFixture s) =>
        (await s.Objects.ListObjectVersionsAsync(new ListObjectVersionsRequest(Bucket, string.Empty, null, null, null, 1000), CancellationToken.None)).Versions;

    private static async Task<string[]> VersionIdsAsync(StorageFixture s) => [.. (await VersionsAsync(s)).Select(v => v.VersionId)];

    private static async Task<BucketUsage> UsageAsync(StorageFixture s) =>
        (await s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets.Single(b => b.Bucket == Bucket);
}

public sealed class ReplicaVersionOrderTestsOnSqlite() : ReplicaVersionOrderTests(MetadataEngine.Sqlite);

public sealed class ReplicaVersionOrderTestsOnPostgres() : ReplicaVersionOrderTests(MetadataEngine.Postgres);
