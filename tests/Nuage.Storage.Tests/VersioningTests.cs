namespace Nuage.Storage.Tests;

using Nuage.Storage.Buckets;
using Nuage.Storage.Objects;
using Nuage.Testing;

/// <summary>
/// The commit path's rules per versioning state (docs/design/versioning.md, AWS "Using versioning in S3 buckets"):
/// which version a write or delete creates, replaces or removes, what reads see, what the collector may reclaim.
/// </summary>
public abstract class VersioningTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Bucket = "bucket-1";
    private readonly StorageFixture _s = new(engine: engine);

    public async Task InitializeAsync() => await _s.CreateBucketAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Enabled_overwrites_keep_every_version_readable_by_id_newest_first()
    {
        await EnableAsync();
        var first = await _s.PutAsync(Bucket, "k", [1]);
        var second = await _s.PutAsync(Bucket, "k", new byte[300_000]);
        var third = await _s.PutAsync(Bucket, "k", [3, 3]);
        Assert.Equal(3, new[] { first.VersionId, second.VersionId, third.VersionId }.Distinct().Count());
        Assert.DoesNotContain("null", new[] { first.VersionId, second.VersionId, third.VersionId });

        Assert.Equal(new byte[] { 3, 3 }, await _s.GetAsync(Bucket, "k"));
        Assert.Equal(new byte[] { 1 }, await GetVersionAsync("k", first.VersionId));
        Assert.Equal(300_000, (await GetVersionAsync("k", second.VersionId)).Length);

        var versions = await VersionsAsync("k");
        Assert.Equal([(third.VersionId, true), (second.VersionId, false), (first.VersionId, false)], versions.Select(v => (v.VersionId, v.IsLatest)));

        // Noncurrent versions' blobs stay referenced: the collector leaves them.
        await _s.Collector.RunOnceAsync(CancellationToken.None);
        Assert.Equal(300_000, (await GetVersionAsync("k", second.VersionId)).Length);
    }

    [Fact]
    public async Task A_delete_in_an_enabled_bucket_adds_a_marker_that_hides_the_key_until_it_is_removed()
    {
        await EnableAsync();
        var put = await _s.PutAsync(Bucket, "k", [1, 2]);
        var deleted = await _s.Objects.DeleteObjectAsync(Bucket, "k", null, CancellationToken.None);
        Assert.True(deleted.DeleteMarker);
        Assert.NotNull(deleted.DeleteMarkerVersionId);

        var missing = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.HeadObjectAsync(Bucket, "k", null, CancellationToken.None));
        Assert.Equal((StorageErrorCode.NoSuchKey, deleted.DeleteMarkerVersionId), (missing.Code, missing.DeleteMarkerVersionId));
        var marker = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.HeadObjectAsync(Bucket, "k", deleted.DeleteMarkerVersionId, CancellationToken.None));
        Assert.Equal(StorageErrorCode.MethodNotAllowed, marker.Code);
        Assert.Empty((await _s.Objects.ListObjectsAsync(new ListObjectsRequest(Bucket, "", null, null, 100), CancellationToken.None)).Objects);
        Assert.Equal(new byte[] { 1, 2 }, await GetVersionAsync("k", put.VersionId));

        // Removing the marker by its id makes the previous version current again.
        var removed = await _s.Objects.DeleteObjectAsync(Bucket, "k", deleted.DeleteMarkerVersionId, CancellationToken.None);
        Assert.True(removed.DeleteMarker);
        Assert.Equal(put.VersionId, (await _s.Objects.HeadObjectAsync(Bucket, "k", null, CancellationToken.None)).VersionId);
        Assert.Equal([(put.VersionId, true, false)], (await VersionsAsync("k")).Select(v => (v.VersionId, v.IsLatest, v.IsDeleteMarker)));
    }

    [Fact]
    public async Task Removing_the_latest_version_promotes_the_newest_remaining_and_its_blob_is_reclaimed()
    {
        await EnableAsync();
        var old = await _s.PutAsync(Bucket, "k", [1]);
        var latest = await _s.PutAsync(Bucket, "k", new byte[300_000]);
        int blobs = _s.BlobFiles().Count();

        var result = await _s.Objects.DeleteObjectAsync(Bucket, "k", latest.VersionId, CancellationToken.None);
        Assert.False(result.DeleteMarker);
        Assert.Equal(old.VersionId, (await _s.Objects.HeadObjectAsync(Bucket, "k", null, CancellationToken.None)).VersionId);
        await _s.Collector.RunOnceAsync(CancellationToken.None);
        Assert.Equal(blobs - 1, _s.BlobFiles().Count());

        var gone = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.HeadObjectAsync(Bucket, "k", latest.VersionId, CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchVersion, gone.Code);

        // A version that does not exist deletes as a success, as on AWS.
        var absent = await _s.Objects.DeleteObjectAsync(Bucket, "k", "no-such-version", CancellationToken.None);
        Assert.Null(absent.Error);
    }

    [Fact]
    public async Task Suspended_writes_replace_the_null_version_wherever_it_is_and_keep_the_others()
    {
        var unversioned = await _s.PutAsync(Bucket, "k", [0]);
        Assert.Equal("null", unversioned.VersionId);
        await EnableAsync();
        var kept = await _s.PutAsync(Bucket, "k", [1]);
        await _s.BucketService.SetVersioningAsync(Bucket, VersioningState.Suspended, CancellationToken.None);

        var replaced = await _s.PutAsync(Bucket, "k", [2]);
        Assert.Equal("null", replaced.VersionId);
        Assert.Equal([("null", true), (kept.VersionId, false)], (await VersionsAsync("k")).Select(v => (v.VersionId, v.IsLatest)));
        Assert.Equal(new byte[] { 2 }, await GetVersionAsync("k", "null"));

        // A delete adds a marker that is itself the null version: the null object is gone, the other version stays.
        var deleted = await _s.Objects.DeleteObjectAsync(Bucket, "k", null, CancellationToken.None);
        Assert.Equal((true, "null"), (deleted.DeleteMarker, deleted.DeleteMarkerVersionId));
        Assert.Equal([("null", true, true), (kept.VersionId, false, false)], (await VersionsAsync("k")).Select(v => (v.VersionId, v.IsLatest, v.IsDeleteMarker)));
    }

    [Fact]
    public async Task Usage_counts_current_objects_and_stored_bytes_counts_every_version()
    {
        await EnableAsync();
        await _s.PutAsync(Bucket, "a", new byte[10]);
        await _s.PutAsync(Bucket, "a", new byte[20]);
        await _s.PutAsync(Bucket, "b", new byte[5]);
        await _s.Objects.DeleteObjectAsync(Bucket, "b", null, CancellationToken.None);

        var usage = Assert.Single((await _s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets);
        Assert.Equal((1L, 20L, 35L), (usage.Objects, usage.Bytes, usage.StoredBytes));

        // A bucket that still holds versions or markers is not empty (AWS DeleteBucket).
        var notEmpty = await Assert.ThrowsAsync<StorageException>(() => _s.BucketService.DeleteBucketAsync(Bucket, CancellationToken.None));
        Assert.Equal(StorageErrorCode.BucketNotEmpty, notEmpty.Code);
    }

    [Fact]
    public async Task Tags_and_acls_belong_to_one_version()
    {
        await EnableAsync();
        var first = await _s.PutAsync(Bucket, "k", [1]);
        var second = await _s.PutAsync(Bucket, "k", [2]);
        await _s.Objects.SetObjectTagsAsync(Bucket, "k", first.VersionId, "old=1", CancellationToken.None);
        await _s.Objects.SetObjectAclAsync(Bucket, "k", first.VersionId, "{\"grants\":[]}", CancellationToken.None);

        Assert.Equal("old=1", (await _s.Objects.HeadObjectAsync(Bucket, "k", first.VersionId, CancellationToken.None)).Tags);
        Assert.Null((await _s.Objects.HeadObjectAsync(Bucket, "k", null, CancellationToken.None)).Tags);
        Assert.Null((await _s.Objects.GetObjectAclAsync(Bucket, "k", second.VersionId, CancellationToken.None)).Acl);
        Assert.NotNull((await _s.Objects.GetObjectAclAsync(Bucket, "k", first.VersionId, CancellationToken.None)).Acl);

        var marker = await _s.Objects.DeleteObjectAsync(Bucket, "k", null, CancellationToken.None);
        var onMarker = await Assert.ThrowsAsync<StorageException>(
            () => _s.Objects.SetObjectTagsAsync(Bucket, "k", marker.DeleteMarkerVersionId, "a=b", CancellationToken.None));
        Assert.Equal(StorageErrorCode.MethodNotAllowed, onMarker.Code);
    }

    [Fact]
    public async Task Conditional_writes_see_a_delete_marker_as_no_object()
    {
        await EnableAsync();
        await _s.PutAsync(Bucket, "k", [1]);
        await _s.Objects.DeleteObjectAsync(Bucket, "k", null, CancellationToken.None);

        var created = await _s.PutAsync(Bucket, "k", [2], condition: new WriteCondition(null, IfNoneMatchAny: true));
        Assert.Equal(created.VersionId, (await _s.Objects.HeadObjectAsync(Bucket, "k", null, CancellationToken.None)).VersionId);
        var refused = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync(Bucket, "k", [3], condition: new WriteCondition(null, IfNoneMatchAny: true)));
        Assert.Equal(StorageErrorCode.PreconditionFailed, refused.Code);
    }

    [Fact]
    public async Task Version_listing_pages_resume_inside_a_key_and_roll_up_prefixes()
    {
        await EnableAsync();
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            ids.Add((await _s.PutAsync(Bucket, "doc", [(byte)i])).VersionId);
        }

        await _s.PutAsync(Bucket, "dir/x", [1]);
        await _s.PutAsync(Bucket, "dir/y", [1]);
        await _s.PutAsync(Bucket, "zzz", [1]);
        ids.Reverse();

        var seen = new List<(string Key, string Version)>();
        var prefixes = new List<string>();
        string? keyMarker = null;
        string? versionMarker = null;
        for (int pages = 0; pages < 20; pages++)
        {
            var page = await _s.Objects.ListObjectVersionsAsync(
                new ListObjectVersionsRequest(Bucket, "", "/", keyMarker, versionMarker, 2), CancellationToken.None);
            seen.AddRange(page.Versions.Select(v => (v.Key, v.VersionId)));
            prefixes.AddRange(page.CommonPrefixes);
            if (!page.IsTruncated)
            {
                break;
            }

            (keyMarker, versionMarker) = (page.NextKeyMarker, page.NextVersionIdMarker);
        }

        Assert.Equal(["dir/"], prefixes);
        Assert.Equal(ids, seen.Where(v => v.Key == "doc").Select(v => v.Version));
        Assert.Equal(["doc", "doc", "doc", "doc", "doc", "zzz"], seen.Select(v => v.Key));
    }

    private Task EnableAsync() => _s.BucketService.SetVersioningAsync(Bucket, VersioningState.Enabled, CancellationToken.None);

    private async Task<IReadOnlyList<ObjectVersionSummary>> VersionsAsync(string prefix) =>
        (await _s.Objects.ListObjectVersionsAsync(new ListObjectVersionsRequest(Bucket, prefix, null, null, null, 1000), CancellationToken.None)).Versions;

    private async Task<byte[]> GetVersionAsync(string key, string versionId)
    {
        await using var content = await _s.Objects.OpenObjectAsync(Bucket, key, versionId, CancellationToken.None);
        var output = new MemoryStream();
        await content.CopyToAsync(output, 0, content.Info.Size, CancellationToken.None);
        return output.ToArray();
    }
}

public sealed class VersioningTestsOnSqlite() : VersioningTests(MetadataEngine.Sqlite);

public sealed class VersioningTestsOnPostgres() : VersioningTests(MetadataEngine.Postgres);
