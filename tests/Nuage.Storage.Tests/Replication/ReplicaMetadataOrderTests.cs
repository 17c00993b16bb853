using Nuage.Metadata;
using Nuage.Storage.Buckets;
using Nuage.Storage.Replication;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests.Replication;

/// <summary>
/// Issue 17, "conflicts resolve last-writer-wins on (timestamp, region id)" for metadata-only changes (schema 027): a
/// pushed change of a version's tags, ACL, retention or legal hold is applied only when its stamp is later than the
/// last one the version took, so two regions that changed one version at once both end with the later change,
/// whatever order the pushes arrive in. Equal times are ordered by region name; a push without a stamp (a region that
/// predates them) is applied as before.
/// </summary>
public abstract class ReplicaMetadataOrderTests(MetadataEngine engine)
{
    private const string Bucket = "bucket-lww";
    private static readonly long T0 = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    [Fact]
    public async Task A_change_is_applied_only_when_its_stamp_is_later_than_the_versions_last_one()
    {
        await using var s = new StorageFixture(engine: engine);
        await s.CreateBucketAsync(Bucket);
        await s.BucketService.SetVersioningAsync(Bucket, VersioningState.Enabled, CancellationToken.None);
        var replicas = new ReplicaService(s.Metadata, s.Blobs, s.Options, s.Objects, new BucketReplications(s.Metadata));
        string version = (await s.PutAsync(Bucket, "k", [1, 2, 3])).VersionId!;
        // A replica here: changes from its source are taken without a rule of this bucket.
        await s.Metadata.WriteAsync(tx => { tx.SetReplicationStatus(Bucket, "k", version, ReplicationStatuses.Replica); return true; }, CancellationToken.None);

        async Task<bool> Push(string tags, ReplicationMetadataStamp? stamp) =>
            await replicas.ApplyMetadataAsync(Bucket, StorageFixture.Owner, new ReplicaMetadata("k", version, tags, null, null, "src", stamp), CancellationToken.None);
        async Task<string?> Tags() => (await s.Metadata.GetObjectAsync(Bucket, "k", version, withData: false, CancellationToken.None))!.Tags;

        var singapore = new ReplicationMetadataStamp(T0 + 10, "singapore");
        Assert.True(await Push("by=singapore", singapore));
        Assert.Equal("by=singapore", await Tags());
        Assert.Equal(singapore, await s.Metadata.GetReplicationMetadataStampAsync(Bucket, "k", version, CancellationToken.None));

        // An earlier change arriving after it is delivered (nothing to retry) and changes nothing; so is the same one again.
        Assert.True(await Push("by=paris", new ReplicationMetadataStamp(T0 + 5, "paris")));
        Assert.True(await Push("by=singapore-again", singapore));
        Assert.Equal("by=singapore", await Tags());

        // The same time: the region's name decides, the same way in every region.
        Assert.True(await Push("by=dubai", new ReplicationMetadataStamp(T0 + 10, "dubai")));
        Assert.Equal("by=singapore", await Tags());
        var tokyo = new ReplicationMetadataStamp(T0 + 10, "tokyo");
        Assert.True(await Push("by=tokyo", tokyo));
        Assert.Equal("by=tokyo", await Tags());

        // Without a stamp (a region older than schema 027): applied, and the stamp stays for the next comparison.
        Assert.True(await Push("by=older-region", null));
        Assert.Equal("by=older-region", await Tags());
        Assert.Equal(tokyo, await s.Metadata.GetReplicationMetadataStampAsync(Bucket, "k", version, CancellationToken.None));

        // A stamp without a region is refused, not stored.
        var refused = await Assert.ThrowsAsync<StorageException>(() => Push("by=nobody", new ReplicationMetadataStamp(T0 + 99, "")));
        Assert.Equal(StorageErrorCode.InvalidRequest, refused.Code);
        Assert.Equal("by=older-region", await Tags());
    }

    [Fact]
    public void A_local_change_is_stamped_after_the_previous_stamp_even_when_the_clock_is_behind_it()
    {
        var now = new DateTimeOffset(T0, TimeSpan.Zero);
        Assert.Equal(new ReplicationMetadataStamp(T0, "paris"), ReplicationMetadataStamp.Next(null, now, "paris"));
        Assert.Equal(new ReplicationMetadataStamp(T0, "paris"), ReplicationMetadataStamp.Next(new ReplicationMetadataStamp(T0 - 1, "dubai"), now, "paris"));

        // The previous change came from a region whose clock is ahead: this one still orders after it.
        var ahead = new ReplicationMetadataStamp(T0 + TimeSpan.TicksPerSecond, "dubai");
        var next = ReplicationMetadataStamp.Next(ahead, now, "paris");
        Assert.Equal(new ReplicationMetadataStamp(ahead.Ticks + 1, "paris"), next);
        Assert.True(next > ahead);
        Assert.True(ReplicationMetadataStamp.Next(new ReplicationMetadataStamp(T0, "zurich"), now, "paris") > new ReplicationMetadataStamp(T0, "zurich"));
        Assert.True(new ReplicationMetadataStamp(T0, "a") < new ReplicationMetadataStamp(T0, "b"));
        Assert.True((ReplicationMetadataStamp?)null < new ReplicationMetadataStamp(0, "a"));
    }
}

public sealed class ReplicaMetadataOrderTestsOnSqlite() : ReplicaMetadataOrderTests(MetadataEngine.Sqlite);

public sealed class ReplicaMetadataOrderTestsOnPostgres() : ReplicaMetadataOrderTests(MetadataEngine.Postgres);
