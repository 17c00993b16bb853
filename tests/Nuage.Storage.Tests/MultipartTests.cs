namespace Nuage.Storage.Tests;

using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;
using Nuage.Testing;

public abstract class MultipartTests(MetadataEngine engine) : IAsyncLifetime
{
    private const int MinPart = 100_000;
    private readonly StorageFixture _s = new(o => o with { MinPartSize = MinPart }, engine: engine);

    public Task InitializeAsync() => _s.CreateBucketAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Complete_concatenates_parts_without_copying_and_has_the_multipart_etag()
    {
        var upload = await Create("mp");
        var p1 = StorageFixture.RandomBytes(150_000, 1);
        var p2 = StorageFixture.RandomBytes(MinPart, 2);
        var p3 = StorageFixture.RandomBytes(1000, 3);
        var i1 = await Upload(upload, 1, p1);
        var i2 = await Upload(upload, 2, p2);
        var i3 = await Upload(upload, 3, p3);
        int blobsBefore = _s.BlobFiles().Count();

        var info = await _s.Multipart.CompleteMultipartUploadAsync("bucket-1", "mp", upload.UploadId,
            [new(1, i1.ETag), new(2, "\"" + i2.ETag + "\""), new(3, i3.ETag)], null, CancellationToken.None);

        byte[] all = [.. p1, .. p2, .. p3];
        string expected = Convert.ToHexStringLower(MD5.HashData([.. MD5.HashData(p1), .. MD5.HashData(p2), .. MD5.HashData(p3)])) + "-3";
        Assert.Equal(expected, info.ETag);
        Assert.Equal(3, info.PartsCount);
        Assert.Equal(all.Length, info.Size);
        Assert.Equal(blobsBefore, _s.BlobFiles().Count());
        Assert.Equal(all, await _s.GetAsync("bucket-1", "mp"));
        Assert.Equal(all.AsSpan(149_990, 100_020).ToArray(), await _s.GetAsync("bucket-1", "mp", 149_990, 100_020));
        await Assert.ThrowsAsync<StorageException>(() => _s.Multipart.ListPartsAsync("bucket-1", "mp", upload.UploadId, 0, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Replaced_and_unused_parts_are_reclaimed()
    {
        var upload = await Create("mp");
        await Upload(upload, 1, StorageFixture.RandomBytes(MinPart, 1));
        var replaced = await Upload(upload, 1, StorageFixture.RandomBytes(MinPart, 9));
        await Upload(upload, 2, StorageFixture.RandomBytes(10, 2));
        var last = await Upload(upload, 3, StorageFixture.RandomBytes(10, 3));
        Assert.Equal(4, _s.BlobFiles().Count());

        var stale = await Assert.ThrowsAsync<StorageException>(() => _s.Multipart.CompleteMultipartUploadAsync(
            "bucket-1", "mp", upload.UploadId, [new(1, StorageFixture.Md5Hex(StorageFixture.RandomBytes(MinPart, 1))), new(3, last.ETag)], null, CancellationToken.None));
        Assert.Equal(StorageErrorCode.InvalidPart, stale.Code);

        await _s.Multipart.CompleteMultipartUploadAsync("bucket-1", "mp", upload.UploadId,
            [new(1, replaced.ETag), new(3, last.ETag)], null, CancellationToken.None);
        var collected = await _s.Collector.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, collected.BlobsDeleted);
        Assert.Equal(2, _s.BlobFiles().Count());
        byte[] expected = [.. StorageFixture.RandomBytes(MinPart, 9), .. StorageFixture.RandomBytes(10, 3)];
        Assert.Equal(expected, await _s.GetAsync("bucket-1", "mp"));
    }

    [Fact]
    public async Task Completion_rules_are_enforced()
    {
        var upload = await Create("mp");
        var small = await Upload(upload, 1, StorageFixture.RandomBytes(10, 1));
        var second = await Upload(upload, 2, StorageFixture.RandomBytes(10, 2));

        var order = await Assert.ThrowsAsync<StorageException>(() => Complete(upload, [new(2, second.ETag), new(1, small.ETag)]));
        Assert.Equal(StorageErrorCode.InvalidPartOrder, order.Code);
        var missing = await Assert.ThrowsAsync<StorageException>(() => Complete(upload, [new(1, small.ETag), new(5, second.ETag)]));
        Assert.Equal(StorageErrorCode.InvalidPart, missing.Code);
        var tooSmall = await Assert.ThrowsAsync<StorageException>(() => Complete(upload, [new(1, small.ETag), new(2, second.ETag)]));
        Assert.Equal(StorageErrorCode.EntityTooSmall, tooSmall.Code);
        var badNumber = await Assert.ThrowsAsync<StorageException>(() => Upload(upload, 10_001, [1]));
        Assert.Equal(StorageErrorCode.InvalidArgument, badNumber.Code);

        var single = await Complete(upload, [new(2, second.ETag)]);
        Assert.EndsWith("-1", single.ETag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_forgets_the_upload_and_reclaims_parts()
    {
        var upload = await Create("mp");
        await Upload(upload, 1, StorageFixture.RandomBytes(1000));
        await _s.Multipart.AbortMultipartUploadAsync("bucket-1", "mp", upload.UploadId, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<StorageException>(() => Upload(upload, 2, [1]));
        Assert.Equal(StorageErrorCode.NoSuchUpload, ex.Code);
        await _s.Collector.RunOnceAsync(CancellationToken.None);
        Assert.Empty(_s.BlobFiles());
    }

    [Fact]
    public async Task Abandoned_uploads_are_aborted_by_the_collector()
    {
        await using var s = new StorageFixture(o => o with { AbandonedUploadAge = TimeSpan.Zero }, engine: engine);
        await s.CreateBucketAsync();
        var upload = await s.Multipart.CreateMultipartUploadAsync("bucket-1", "old", ObjectAttributes.Empty, null, CancellationToken.None);
        await s.Multipart.UploadPartAsync("bucket-1", "old", upload.UploadId, 1, new MemoryStream(new byte[10]), 10, null, null, CancellationToken.None);
        await Task.Delay(20);

        var result = await s.Collector.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, result.UploadsAborted);
        Assert.Equal(1, result.BlobsDeleted);
    }

    [Fact]
    public async Task Upload_part_copy_takes_a_range_and_rejects_one_past_the_end()
    {
        var source = StorageFixture.RandomBytes(300_000, 5);
        await _s.PutAsync("bucket-1", "src", source);
        var upload = await Create("mp");
        var part = await _s.Multipart.UploadPartCopyAsync("bucket-1", "mp", upload.UploadId, 1, "bucket-1", "src", null,
            new ByteRange(1000, 200_999), ReadConditions.None, CancellationToken.None);
        Assert.Equal(200_000, part.Size);
        Assert.Equal(StorageFixture.Md5Hex(source.AsSpan(1000, 200_000).ToArray()), part.ETag);

        var beyond = await Assert.ThrowsAsync<StorageException>(() => _s.Multipart.UploadPartCopyAsync("bucket-1", "mp", upload.UploadId, 2,
            "bucket-1", "src", null, new ByteRange(0, 300_000), ReadConditions.None, CancellationToken.None));
        Assert.Equal(StorageErrorCode.InvalidArgument, beyond.Code);

        await Complete(upload, [new(1, part.ETag)]);
        Assert.Equal(source.AsSpan(1000, 200_000).ToArray(), await _s.GetAsync("bucket-1", "mp"));
    }

    [Fact]
    public async Task Composite_checksum_is_the_checksum_of_part_checksums()
    {
        var upload = await _s.Multipart.CreateMultipartUploadAsync("bucket-1", "ck", ObjectAttributes.Empty, ChecksumAlgorithm.Crc32, CancellationToken.None);
        var p1 = StorageFixture.RandomBytes(MinPart, 1);
        var p2 = StorageFixture.RandomBytes(50, 2);
        var i1 = await Upload(upload, 1, p1);
        var i2 = await Upload(upload, 2, p2);
        Assert.Equal(Convert.ToBase64String(Crc32Be(p1)), i1.Checksum!.Value);

        var info = await Complete(upload, [new(1, i1.ETag, i1.Checksum.Value), new(2, i2.ETag)]);
        Assert.True(info.Checksum!.IsComposite);
        Assert.Equal(Convert.ToBase64String(Crc32Be([.. Crc32Be(p1), .. Crc32Be(p2)])) + "-2", info.Checksum.Value);
    }

    [Fact]
    public async Task Complete_retried_after_success_returns_the_same_object()
    {
        // AWS answers a completion retried after it succeeded (its answer lost to a timeout) with the same result
        // (minio/minio#13318, adobe/S3Mock#2586).
        var upload = await _s.Multipart.CreateMultipartUploadAsync("bucket-1", "mp", ObjectAttributes.Empty, ChecksumAlgorithm.Crc32, CancellationToken.None);
        var i1 = await Upload(upload, 1, StorageFixture.RandomBytes(MinPart, 1));
        var i2 = await Upload(upload, 2, StorageFixture.RandomBytes(50, 2));
        CompletedPart[] parts = [new(1, i1.ETag), new(2, i2.ETag)];
        var first = await Complete(upload, parts);

        var again = await Complete(upload, parts);
        var conditional = await _s.Multipart.CompleteMultipartUploadAsync(
            "bucket-1", "mp", upload.UploadId, parts, new WriteCondition(null, IfNoneMatchAny: true), CancellationToken.None);

        foreach (var retry in new[] { again, conditional })
        {
            Assert.Equal(
                (first.ETag, first.Size, first.PartsCount, first.LastModified, first.VersionId),
                (retry.ETag, retry.Size, retry.PartsCount, retry.LastModified, retry.VersionId));
            Assert.Equal(first.Checksum, retry.Checksum);
        }

        // The retry wrote nothing: the object's blobs are all still referenced and nothing became garbage.
        Assert.Equal(0, (await _s.Collector.RunOnceAsync(CancellationToken.None)).BlobsDeleted);
        byte[] expected = [.. StorageFixture.RandomBytes(MinPart, 1), .. StorageFixture.RandomBytes(50, 2)];
        Assert.Equal(expected, await _s.GetAsync("bucket-1", "mp"));
    }

    [Fact]
    public async Task Complete_of_an_upload_whose_object_is_gone_or_replaced_is_NoSuchUpload()
    {
        var aborted = await Create("aborted");
        var a1 = await Upload(aborted, 1, [1]);
        await _s.Multipart.AbortMultipartUploadAsync("bucket-1", "aborted", aborted.UploadId, CancellationToken.None);
        Assert.Equal(StorageErrorCode.NoSuchUpload, (await Assert.ThrowsAsync<StorageException>(() => Complete(aborted, [new(1, a1.ETag)]))).Code);

        var overwritten = await Create("overwritten");
        var o1 = await Upload(overwritten, 1, [2]);
        await Complete(overwritten, [new(1, o1.ETag)]);
        await _s.PutAsync("bucket-1", "overwritten", [3]);
        Assert.Equal(StorageErrorCode.NoSuchUpload, (await Assert.ThrowsAsync<StorageException>(() => Complete(overwritten, [new(1, o1.ETag)]))).Code);

        var deleted = await Create("deleted");
        var d1 = await Upload(deleted, 1, [4]);
        await Complete(deleted, [new(1, d1.ETag)]);
        await _s.Objects.DeleteObjectAsync("bucket-1", "deleted", null, CancellationToken.None);
        Assert.Equal(StorageErrorCode.NoSuchUpload, (await Assert.ThrowsAsync<StorageException>(() => Complete(deleted, [new(1, d1.ETag)]))).Code);

        // A copy of a completed object is a new write: it does not answer for the upload.
        var copied = await Create("copied");
        var c1 = await Upload(copied, 1, [5]);
        await Complete(copied, [new(1, c1.ETag)]);
        await _s.Objects.CopyObjectAsync(
            new CopyObjectRequest("bucket-1", "copied", null, "bucket-1", "copied", ObjectAttributes.Empty with { ContentType = "text/plain" }, ReadConditions.None),
            CancellationToken.None);
        Assert.Equal(StorageErrorCode.NoSuchUpload, (await Assert.ThrowsAsync<StorageException>(() => Complete(copied, [new(1, c1.ETag)]))).Code);

        // The upload id names its own key only.
        var elsewhere = await Create("here");
        var e1 = await Upload(elsewhere, 1, [6]);
        await Complete(elsewhere, [new(1, e1.ETag)]);
        var wrongKey = await Assert.ThrowsAsync<StorageException>(() => _s.Multipart.CompleteMultipartUploadAsync(
            "bucket-1", "there", elsewhere.UploadId, [new(1, e1.ETag)], null, CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchUpload, wrongKey.Code);
    }

    [Fact]
    public async Task Head_and_open_give_the_part_sizes_that_bound_each_part()
    {
        var upload = await Create("mp");
        var p1 = StorageFixture.RandomBytes(150_000, 1);
        var p2 = StorageFixture.RandomBytes(MinPart, 2);
        var p3 = StorageFixture.RandomBytes(MinPart + 7, 3);
        var p4 = StorageFixture.RandomBytes(1000, 4);
        var i1 = await Upload(upload, 1, p1);
        await Upload(upload, 2, p2);
        var i3 = await Upload(upload, 3, p3);
        var i4 = await Upload(upload, 4, p4);

        // Part 2 is left out: the object's parts are 1, 3 and 4 as uploaded, and its second part is upload part 3.
        var completed = await Complete(upload, [new(1, i1.ETag), new(3, i3.ETag), new(4, i4.ETag)]);
        var head = await _s.Objects.HeadObjectAsync("bucket-1", "mp", null, CancellationToken.None);
        await using var content = await _s.Objects.OpenObjectAsync("bucket-1", "mp", null, CancellationToken.None);

        long[] expected = [p1.Length, p3.Length, p4.Length];
        Assert.Equal(expected, completed.PartSizes);
        Assert.Equal(expected, head.PartSizes);
        Assert.Equal(expected, content.Info.PartSizes);
        Assert.Equal(head.PartsCount, head.PartSizes!.Count);
        Assert.Equal(head.Size, head.PartSizes.Sum());

        // The boundaries are exact: the range of part N is that part's bytes.
        byte[][] bodies = [p1, p3, p4];
        long start = 0;
        for (int n = 1; n <= head.PartSizes.Count; n++)
        {
            long length = head.PartSizes[n - 1];
            Assert.Equal(bodies[n - 1], await _s.GetAsync("bucket-1", "mp", start, length));
            start += length;
        }
    }

    [Fact]
    public async Task Objects_not_completed_from_parts_have_no_part_sizes()
    {
        await _s.PutAsync("bucket-1", "inline", [1, 2, 3]);
        await _s.PutAsync("bucket-1", "blob", StorageFixture.RandomBytes(300_000, 1));
        var upload = await Create("mp");
        var part = await Upload(upload, 1, StorageFixture.RandomBytes(200_000, 2));
        await Complete(upload, [new(1, part.ETag)]);
        await _s.Objects.CopyObjectAsync(
            new CopyObjectRequest("bucket-1", "mp", null, "bucket-1", "copy", null, ReadConditions.None), CancellationToken.None);

        foreach (var key in new[] { "inline", "blob", "copy" })
        {
            Assert.Null((await _s.Objects.HeadObjectAsync("bucket-1", key, null, CancellationToken.None)).PartSizes);
            await using var content = await _s.Objects.OpenObjectAsync("bucket-1", key, null, CancellationToken.None);
            Assert.Null(content.Info.PartSizes);
        }

        Assert.Equal([200_000L], (await _s.Objects.HeadObjectAsync("bucket-1", "mp", null, CancellationToken.None)).PartSizes);
        var listing = await _s.Objects.ListObjectsAsync(new ListObjectsRequest("bucket-1", "", null, null, 1000), CancellationToken.None);
        Assert.All(listing.Objects, o => Assert.Null(o.PartSizes));
    }

    [Fact]
    public async Task Parts_and_uploads_list_with_markers()
    {
        var upload = await Create("mp");
        for (int i = 1; i <= 5; i++)
        {
            await Upload(upload, i, [(byte)i]);
        }

        var first = await _s.Multipart.ListPartsAsync("bucket-1", "mp", upload.UploadId, 0, 2, CancellationToken.None);
        Assert.Equal([1, 2], first.Parts.Select(p => p.PartNumber));
        Assert.True(first.IsTruncated);
        var rest = await _s.Multipart.ListPartsAsync("bucket-1", "mp", upload.UploadId, first.NextPartNumberMarker, 10, CancellationToken.None);
        Assert.Equal([3, 4, 5], rest.Parts.Select(p => p.PartNumber));
        Assert.False(rest.IsTruncated);

        var second = await Create("mp");
        await Create("logs/a");
        await Create("logs/b");
        var all = await _s.Multipart.ListMultipartUploadsAsync("bucket-1", "", "/", null, null, 1000, CancellationToken.None);
        Assert.Equal(["logs/"], all.CommonPrefixes);
        Assert.Equal([upload.UploadId, second.UploadId], all.Uploads.Select(u => u.UploadId));

        var page = await _s.Multipart.ListMultipartUploadsAsync("bucket-1", "", null, null, null, 2, CancellationToken.None);
        Assert.True(page.IsTruncated);
        Assert.Equal(["logs/a", "logs/b"], page.Uploads.Select(u => u.Key));
        var next = await _s.Multipart.ListMultipartUploadsAsync("bucket-1", "", null, page.NextKeyMarker, page.NextUploadIdMarker, 1, CancellationToken.None);
        Assert.Equal([upload.UploadId], next.Uploads.Select(u => u.UploadId));
        var last = await _s.Multipart.ListMultipartUploadsAsync("bucket-1", "", null, next.NextKeyMarker, next.NextUploadIdMarker, 5, CancellationToken.None);
        Assert.Equal([second.UploadId], last.Uploads.Select(u => u.UploadId));
        Assert.False(last.IsTruncated);
    }

    private static byte[] Crc32Be(byte[] data)
    {
        var result = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(result, Crc32.HashToUInt32(data));
        return result;
    }

    private Task<MultipartUploadInfo> Create(string key) =>
        _s.Multipart.CreateMultipartUploadAsync("bucket-1", key, ObjectAttributes.Empty, null, CancellationToken.None);

    private Task<PartInfo> Upload(MultipartUploadInfo upload, int number, byte[] data) =>
        _s.Multipart.UploadPartAsync("bucket-1", upload.Key, upload.UploadId, number, new MemoryStream(data), data.Length, null, null, CancellationToken.None);

    private Task<ObjectInfo> Complete(MultipartUploadInfo upload, IReadOnlyList<CompletedPart> parts) =>
        _s.Multipart.CompleteMultipartUploadAsync("bucket-1", upload.Key, upload.UploadId, parts, null, CancellationToken.None);
}

public sealed class MultipartTestsOnSqlite() : MultipartTests(MetadataEngine.Sqlite);

public sealed class MultipartTestsOnPostgres() : MultipartTests(MetadataEngine.Postgres);
