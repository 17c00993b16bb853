namespace Nuage.Storage.Tests;

using Nuage.Storage.Buckets;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;
using Nuage.Testing;

public abstract class BucketTests(MetadataEngine engine) : IAsyncLifetime
{
    private readonly StorageFixture _s = new(engine: engine);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Theory]
    [InlineData("abc", true)]
    [InlineData("my.bucket-1", true)]
    [InlineData("ab", false)]
    [InlineData("Upper", false)]
    [InlineData("-start", false)]
    [InlineData("end-", false)]
    [InlineData("a..b", false)]
    [InlineData("192.168.5.4", false)]
    [InlineData("xn--abc", false)]
    [InlineData("sthree-x", false)]
    [InlineData("amzn-s3-demo-x", false)]
    [InlineData("abc-s3alias", false)]
    [InlineData("abc--ol-s3", false)]
    [InlineData("abc.mrap", false)]
    [InlineData("abc--x-s3", false)]
    [InlineData("a_b", false)]
    public void Bucket_names_follow_aws_rules(string name, bool valid) =>
        Assert.Equal(valid, BucketNameRules.Check(name) is null);

    [Fact]
    public async Task Create_conflicts_location_and_listing()
    {
        await _s.BucketService.CreateBucketAsync("zeta", "me", "local", CancellationToken.None);
        await _s.BucketService.CreateBucketAsync("alpha", "me", "", CancellationToken.None);
        await _s.BucketService.CreateBucketAsync("other", "you", null, CancellationToken.None);

        Assert.Equal(StorageErrorCode.BucketAlreadyOwnedByYou, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.CreateBucketAsync("zeta", "me", null, CancellationToken.None))).Code);
        Assert.Equal(StorageErrorCode.BucketAlreadyExists, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.CreateBucketAsync("zeta", "you", null, CancellationToken.None))).Code);
        Assert.Equal(StorageErrorCode.IllegalLocationConstraint, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.CreateBucketAsync("elsewhere", "me", "eu-west-1", CancellationToken.None))).Code);
        Assert.Equal(StorageErrorCode.InvalidBucketName, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.CreateBucketAsync("Bad", "me", null, CancellationToken.None))).Code);

        var mine = await _s.BucketService.ListBucketsAsync("me", CancellationToken.None);
        Assert.Equal(["alpha", "zeta"], mine.Select(b => b.Name));
        Assert.Equal("local", mine[0].Region);
    }

    [Fact]
    public async Task Delete_refuses_objects()
    {
        await _s.CreateBucketAsync("full");
        await _s.PutAsync("full", "k", [1]);
        Assert.Equal(StorageErrorCode.BucketNotEmpty, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.DeleteBucketAsync("full", CancellationToken.None))).Code);
        await _s.Objects.DeleteObjectAsync("full", "k", null, CancellationToken.None);

        await _s.BucketService.DeleteBucketAsync("full", CancellationToken.None);
        Assert.Null(await _s.BucketService.GetBucketAsync("full", CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchBucket, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.DeleteBucketAsync("full", CancellationToken.None))).Code);
    }

    [Fact]
    public async Task Delete_refuses_objects_even_beside_unfinished_uploads()
    {
        await _s.CreateBucketAsync("mixed");
        await _s.PutAsync("mixed", "k", [1]);
        var upload = await _s.Multipart.CreateMultipartUploadAsync("mixed", "u", ObjectAttributes.Empty, null, CancellationToken.None);

        Assert.Equal(StorageErrorCode.BucketNotEmpty, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.DeleteBucketAsync("mixed", CancellationToken.None))).Code);

        // The refused delete changed nothing: the upload is still there.
        var uploads = await _s.Multipart.ListMultipartUploadsAsync("mixed", "", null, null, null, 100, CancellationToken.None);
        Assert.Equal([upload.UploadId], uploads.Uploads.Select(u => u.UploadId));
    }

    [Fact]
    public async Task Delete_with_only_unfinished_uploads_deletes_them_and_the_collector_reclaims_their_parts()
    {
        // AWS deletes a bucket whose only content is multipart uploads in progress, and the uploads with it
        // (ceph/ceph#15630, scality/cloudserver#1591).
        await _s.CreateBucketAsync("pending");
        var first = await _s.Multipart.CreateMultipartUploadAsync("pending", "a", ObjectAttributes.Empty, null, CancellationToken.None);
        var second = await _s.Multipart.CreateMultipartUploadAsync("pending", "b/c", ObjectAttributes.Empty, null, CancellationToken.None);
        await _s.Multipart.CreateMultipartUploadAsync("pending", "empty", ObjectAttributes.Empty, null, CancellationToken.None);
        await UploadPart("pending", "a", first.UploadId, 1, StorageFixture.RandomBytes(1000, 1));
        await UploadPart("pending", "a", first.UploadId, 2, StorageFixture.RandomBytes(2000, 2));
        await UploadPart("pending", "b/c", second.UploadId, 1, StorageFixture.RandomBytes(3000, 3));

        // Another bucket's upload and object must survive untouched.
        await _s.CreateBucketAsync("neighbour");
        var kept = await _s.Multipart.CreateMultipartUploadAsync("neighbour", "a", ObjectAttributes.Empty, null, CancellationToken.None);
        await UploadPart("neighbour", "a", kept.UploadId, 1, StorageFixture.RandomBytes(4000, 4));
        await _s.PutAsync("neighbour", "big", StorageFixture.RandomBytes(200_000, 5));
        Assert.Equal(5, _s.BlobFiles().Count());

        await _s.BucketService.DeleteBucketAsync("pending", CancellationToken.None);

        Assert.Null(await _s.BucketService.GetBucketAsync("pending", CancellationToken.None));
        var gone = await Assert.ThrowsAsync<StorageException>(() => UploadPart("pending", "a", first.UploadId, 3, [1]));
        Assert.Equal(StorageErrorCode.NoSuchBucket, gone.Code);
        await _s.CreateBucketAsync("pending");
        var listed = await _s.Multipart.ListMultipartUploadsAsync("pending", "", null, null, null, 100, CancellationToken.None);
        Assert.Empty(listed.Uploads);
        var stale = await Assert.ThrowsAsync<StorageException>(() => UploadPart("pending", "a", first.UploadId, 3, [1]));
        Assert.Equal(StorageErrorCode.NoSuchUpload, stale.Code);

        var collected = await _s.Collector.RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, collected.BlobsDeleted);
        Assert.Equal(2, _s.BlobFiles().Count());
        var neighbour = await _s.Multipart.ListPartsAsync("neighbour", "a", kept.UploadId, 0, 100, CancellationToken.None);
        Assert.Equal([1], neighbour.Parts.Select(p => p.PartNumber));
        Assert.Equal(StorageFixture.RandomBytes(200_000, 5), await _s.GetAsync("neighbour", "big"));
    }

    private Task<PartInfo> UploadPart(string bucket, string key, string uploadId, int number, byte[] data) =>
        _s.Multipart.UploadPartAsync(bucket, key, uploadId, number, new MemoryStream(data), data.Length, null, null, CancellationToken.None);
}

public sealed class BucketTestsOnSqlite() : BucketTests(MetadataEngine.Sqlite);

public sealed class BucketTestsOnPostgres() : BucketTests(MetadataEngine.Postgres);
