namespace Nuage.Storage.Tests;

using Nuage.Metadata;
using Nuage.Testing;

/// <summary>
/// The store's replacement of a version named by id (the null version of an unversioned or suspended bucket,
/// <see cref="IMetadataTransaction.PutObject"/> with versionIdIsNew false), on both engines: every blob of the
/// replaced row's manifest enters garbage in the same transaction, once (DESIGN.md invariant 2), whether the row was
/// the key's latest (overwritten in place) or noncurrent (removed from the history, the new row latest), and the
/// usage rows stay equal to what the rows hold. PostgreSQL decodes the replaced manifest on the server
/// (PostgresObjectSql.InsertGarbageOfVersion), SQLite in .NET: both manifest layouts are written here, one segment
/// and several, with and without part checksums.
/// </summary>
public abstract class NullVersionReplaceTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Bucket = "bucket-1";
    private readonly StorageFixture _s = new(engine: engine);

    public async Task InitializeAsync() => await _s.CreateBucketAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Overwriting_the_latest_null_version_makes_every_blob_of_its_manifest_garbage_once()
    {
        var single = Manifest(1);
        var parts = Manifest(3);
        var checksummed = Manifest(4) with { PartChecksums = ["AAAAAQ==", "AAAAAg==", "AAAAAw==", "AAAABA=="] };
        await PutAsync(Row("k", "null", 10, single));
        Assert.Empty(await GarbageAsync());

        await PutAsync(Row("k", "null", 30, parts));
        await PutAsync(Row("k", "null", 40, checksummed));
        AssertBlobs(Blobs(single, parts), await GarbageAsync());

        // Two replacements in one transaction: the middle row's blobs are garbage too, the last row is what stays.
        var middle = Manifest(1);
        var last = Manifest(2);
        await _s.Metadata.WriteAsync(
            tx =>
            {
                tx.PutObject(Row("k", "null", 50, middle), versionIdIsNew: false);
                tx.PutObject(Row("k", "null", 20, last), versionIdIsNew: false);
                return 0;
            },
            CancellationToken.None);
        AssertBlobs(Blobs(single, parts, checksummed, middle), await GarbageAsync());

        // An inline body replacing a manifest: its blobs go; the inline row replaced later leaves no garbage.
        await PutAsync(Row("k", "null", 5, new InlineData([1, 2, 3, 4, 5], 0)));
        await PutAsync(Row("k", "null", 6, new InlineData([1, 2, 3, 4, 5, 6], 0)));
        AssertBlobs(Blobs(single, parts, checksummed, middle, last), await GarbageAsync());

        var usage = await _s.Metadata.ReadUsageAsync(CancellationToken.None);
        Assert.Equal(11, usage.GarbageBlobs);
        var bucket = Assert.Single(usage.Buckets);
        Assert.Equal((1L, 6L, 6L), (bucket.Objects, bucket.Bytes, bucket.StoredBytes));
    }

    [Fact]
    public async Task Replacing_a_noncurrent_null_version_removes_it_from_the_history_and_makes_its_blobs_garbage()
    {
        var old = Manifest(2);
        await PutAsync(Row("k", "null", 100, old));
        var versioned = Manifest(1);
        await _s.Metadata.WriteAsync(tx => { tx.PutObject(Row("k", "v-1", 7, versioned), versionIdIsNew: true); return 0; }, CancellationToken.None);

        // Suspended: the null version is written again, as the latest, and the versioned one stays noncurrent.
        var replacement = Manifest(3);
        await PutAsync(Row("k", "null", 30, replacement));
        AssertBlobs(Blobs(old), await GarbageAsync());
        var versions = await _s.Metadata.ListObjectVersionsAsync(new ObjectVersionListQuery(Bucket, "", null, null, null, 100), CancellationToken.None);
        Assert.Equal([("null", true, 30L), ("v-1", false, 7L)], versions.Versions.Select(v => (v.VersionId, v.IsLatest, v.Size)));

        // A delete marker as the null version replaces it the same way (a delete in a suspended bucket).
        var marker = new ObjectRow(Bucket, "k", "null", 0, string.Empty, DateTimeOffset.UnixEpoch, "local", StorageFixture.Owner, StoredAttributes.Empty, null, null, null)
        {
            IsDeleteMarker = true,
        };
        await _s.Metadata.WriteAsync(tx => { tx.PutObject(marker, versionIdIsNew: false); return 0; }, CancellationToken.None);
        AssertBlobs(Blobs(old, replacement), await GarbageAsync());

        var usage = await _s.Metadata.ReadUsageAsync(CancellationToken.None);
        Assert.Equal(5, usage.GarbageBlobs);
        var bucket = Assert.Single(usage.Buckets);
        Assert.Equal((0L, 0L, 7L), (bucket.Objects, bucket.Bytes, bucket.StoredBytes));
    }

    [Fact]
    public async Task A_first_null_version_replaces_nothing_and_a_second_key_is_its_own()
    {
        var a = Manifest(2);
        var b = Manifest(2);
        await PutAsync(Row("a", "null", 10, a));
        await PutAsync(Row("b", "null", 20, b));
        Assert.Empty(await GarbageAsync());

        await PutAsync(Row("a", "null", 15, Manifest(1)));
        AssertBlobs(Blobs(a), await GarbageAsync());
        var bucket = Assert.Single((await _s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets);
        Assert.Equal((2L, 35L, 35L), (bucket.Objects, bucket.Bytes, bucket.StoredBytes));
    }

    [Fact]
    public async Task A_replaced_manifest_that_cannot_be_read_fails_the_write_and_changes_nothing()
    {
        var kept = Manifest(1);
        await PutAsync(Row("k", "null", 10, kept));
        // 25 bytes of version 1 would be one segment; 26 is no manifest of either layout.
        var unreadable = new byte[26];
        unreadable[0] = 1;
        Assert.Equal(1, DirectMetadataWrites.Execute(engine, _s.DataDirectory, "UPDATE objects SET manifest = $1", unreadable));

        await Assert.ThrowsAnyAsync<Exception>(() => PutAsync(Row("k", "null", 20, Manifest(1))));
        Assert.Empty(await GarbageAsync());
        // The row is the one written before (read behind the engine: its manifest is what cannot be read).
        Assert.Equal(10L, Convert.ToInt64(DirectMetadataWrites.Scalar(engine, _s.DataDirectory, "SELECT size FROM objects"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private Task<int> PutAsync(ObjectRow row) =>
        _s.Metadata.WriteAsync(tx => { tx.PutObject(row, versionIdIsNew: false); return 0; }, CancellationToken.None);

    private async Task<HashSet<Guid>> GarbageAsync() => (await _s.Metadata.ListGarbageAsync(1000, CancellationToken.None)).ToHashSet();

    private static void AssertBlobs(HashSet<Guid> expected, HashSet<Guid> actual) => Assert.Equal(expected.Order(), actual.Order());

    private static BlobManifest Manifest(int segments) =>
        new(Enumerable.Range(0, segments).Select(i => new BlobSegment(Guid.NewGuid(), 10 + i)).ToArray());

    private static HashSet<Guid> Blobs(params BlobManifest[] manifests) => manifests.SelectMany(m => m.Segments).Select(s => s.BlobId).ToHashSet();

    private static ObjectRow Row(string key, string versionId, long size, DataLocation data) =>
        new(Bucket, key, versionId, size, "etag", DateTimeOffset.UnixEpoch, "local", StorageFixture.Owner, StoredAttributes.Empty, null, null, data);
}

public sealed class NullVersionReplaceTestsOnSqlite() : NullVersionReplaceTests(MetadataEngine.Sqlite);

public sealed class NullVersionReplaceTestsOnPostgres() : NullVersionReplaceTests(MetadataEngine.Postgres);
