namespace Nuage.Storage.Tests;

using Nuage.Storage.Buckets;
using Nuage.Storage.Objects;

public sealed class BucketTests : IAsyncLifetime
{
    private readonly StorageFixture _s = new();

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
    public async Task Delete_refuses_objects_and_unfinished_uploads()
    {
        await _s.CreateBucketAsync("full");
        await _s.PutAsync("full", "k", [1]);
        Assert.Equal(StorageErrorCode.BucketNotEmpty, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.DeleteBucketAsync("full", CancellationToken.None))).Code);
        await _s.Objects.DeleteObjectAsync("full", "k", null, CancellationToken.None);

        var upload = await _s.Multipart.CreateMultipartUploadAsync("full", "u", ObjectAttributes.Empty, null, CancellationToken.None);
        Assert.Equal(StorageErrorCode.BucketNotEmpty, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.DeleteBucketAsync("full", CancellationToken.None))).Code);
        await _s.Multipart.AbortMultipartUploadAsync("full", "u", upload.UploadId, CancellationToken.None);

        await _s.BucketService.DeleteBucketAsync("full", CancellationToken.None);
        Assert.Null(await _s.BucketService.GetBucketAsync("full", CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchBucket, (await Assert.ThrowsAsync<StorageException>(
            () => _s.BucketService.DeleteBucketAsync("full", CancellationToken.None))).Code);
    }
}
