namespace Nuage.Storage.Tests;

using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;
using Nuage.Testing;

/// <summary>The tags column (schema 006): written with the row by every write path, replaced alone by SetObjectTagsAsync.</summary>
public abstract class ObjectTagsTests(MetadataEngine engine) : IAsyncLifetime
{
    private readonly StorageFixture _s = new(engine: engine);

    public async Task InitializeAsync() => await _s.CreateBucketAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Tags_given_with_a_put_are_read_back_and_replaced_alone()
    {
        var put = await PutAsync("k", new byte[10], "a=1&b=2");
        Assert.Equal("a=1&b=2", (await HeadAsync("k")).Tags);

        await _s.Objects.SetObjectTagsAsync("bucket-1", "k", null, "c=3", CancellationToken.None);
        var head = await HeadAsync("k");
        Assert.Equal("c=3", head.Tags);
        Assert.Equal((put.ETag, put.LastModified), (head.ETag, head.LastModified));
        await using (var content = await _s.Objects.OpenObjectAsync("bucket-1", "k", null, CancellationToken.None))
        {
            Assert.Equal("c=3", content.Info.Tags);
        }

        await _s.Objects.SetObjectTagsAsync("bucket-1", "k", "null", null, CancellationToken.None);
        Assert.Null((await HeadAsync("k")).Tags);
    }

    [Fact]
    public async Task An_overwrite_never_keeps_the_replaced_objects_tags()
    {
        await PutAsync("k", new byte[300_000], "a=1");
        await _s.PutAsync("bucket-1", "k", new byte[5]);
        Assert.Null((await HeadAsync("k")).Tags);
    }

    [Fact]
    public async Task Tagging_a_missing_object_or_version_fails_and_changes_nothing()
    {
        var missing = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.SetObjectTagsAsync("bucket-1", "none", null, "a=1", CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchKey, missing.Code);
        await PutAsync("k", new byte[1], null);
        var version = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.SetObjectTagsAsync("bucket-1", "k", "v2", "a=1", CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchVersion, version.Code);
        var bucket = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.SetObjectTagsAsync("nobucket", "k", null, "a=1", CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchBucket, bucket.Code);
        Assert.Null((await HeadAsync("k")).Tags);
    }

    [Fact]
    public async Task An_uploads_tags_are_kept_on_its_row_and_given_to_the_object_at_completion()
    {
        var upload = await _s.Multipart.CreateMultipartUploadAsync(
            "bucket-1", "mp", ObjectAttributes.Empty, null, CancellationToken.None, new ObjectAccess(null, null) { Tags = "x=y" });
        var part = await _s.Multipart.UploadPartAsync("bucket-1", "mp", upload.UploadId, 1, new MemoryStream(new byte[10]), 10, null, null, CancellationToken.None);
        var done = await _s.Multipart.CompleteMultipartUploadAsync("bucket-1", "mp", upload.UploadId, [new CompletedPart(1, part.ETag)], null, CancellationToken.None);
        Assert.Equal("x=y", done.Tags);
        Assert.Equal("x=y", (await HeadAsync("mp")).Tags);
    }

    private Task<ObjectInfo> PutAsync(string key, byte[] body, string? tags) =>
        _s.Objects.PutObjectAsync(
            new PutObjectRequest("bucket-1", key, new MemoryStream(body), body.Length, ObjectAttributes.Empty, Access: new ObjectAccess(null, null) { Tags = tags }),
            CancellationToken.None);

    private Task<ObjectInfo> HeadAsync(string key) => _s.Objects.HeadObjectAsync("bucket-1", key, null, CancellationToken.None);
}

public sealed class ObjectTagsTestsOnSqlite() : ObjectTagsTests(MetadataEngine.Sqlite);

public sealed class ObjectTagsTestsOnPostgres() : ObjectTagsTests(MetadataEngine.Postgres);
