using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>ListParts (max-parts paging) and ListMultipartUploads.</summary>
public sealed class MultipartListingTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task List_parts_reports_number_size_and_etag_of_each_part()
    {
        var bucket = await fixture.CreateBucketAsync("parts");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        byte[][] parts = [TestBytes.Random(1000, 1), TestBytes.Random(200 * TestBytes.KiB, 2), TestBytes.Random(3, 3)];
        for (var i = 0; i < parts.Length; i++)
        {
            await UploadPartAsync(bucket, "k", upload.UploadId, i + 1, parts[i]);
        }

        var list = await _s3.ListPartsAsync(bucket, "k", upload.UploadId);

        Assert.Equal((bucket, "k", upload.UploadId, false), (list.BucketName, list.Key, list.UploadId, list.IsTruncated));
        Assert.Equal(
            parts.Select((p, i) => (i + 1, (long)p.Length, TestBytes.QuotedETag(p))),
            (list.Parts ?? []).Select(p => (p.PartNumber ?? 0, p.Size ?? -1, p.ETag)));
        Assert.All(list.Parts ?? [], p => Assert.NotNull(p.LastModified));
    }

    [Fact]
    public async Task List_parts_pages_with_max_parts_and_the_part_number_marker()
    {
        var bucket = await fixture.CreateBucketAsync("parts-pages");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        foreach (var number in new[] { 5, 1, 3, 2, 4 })
        {
            await UploadPartAsync(bucket, "k", upload.UploadId, number, [(byte)number]);
        }

        var seen = new List<int>();
        int? marker = null;
        var pages = 0;
        do
        {
            var page = await _s3.ListPartsAsync(new ListPartsRequest
            {
                BucketName = bucket, Key = "k", UploadId = upload.UploadId, MaxParts = 2,
                PartNumberMarker = marker?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            pages++;
            Assert.Equal(2, page.MaxParts);
            var numbers = (page.Parts ?? []).Select(p => p.PartNumber ?? 0).ToList();
            seen.AddRange(numbers);
            if (page.IsTruncated == true)
            {
                Assert.Equal(numbers[^1], page.NextPartNumberMarker);
                marker = page.NextPartNumberMarker;
            }
            else
            {
                marker = null;
            }
        }
        while (marker is not null);

        Assert.Equal(3, pages);
        Assert.Equal([1, 2, 3, 4, 5], seen);
    }

    [Fact]
    public async Task List_multipart_uploads_shows_uploads_in_progress_only()
    {
        var bucket = await fixture.CreateBucketAsync("uploads");
        var a = await _s3.InitiateMultipartUploadAsync(bucket, "a");
        var b1 = await _s3.InitiateMultipartUploadAsync(bucket, "b");
        var b2 = await _s3.InitiateMultipartUploadAsync(bucket, "b");
        var done = await _s3.InitiateMultipartUploadAsync(bucket, "c");
        var aborted = await _s3.InitiateMultipartUploadAsync(bucket, "d");
        var part = await UploadPartAsync(bucket, "c", done.UploadId, 1, [1]);
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "c", UploadId = done.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        await _s3.AbortMultipartUploadAsync(bucket, "d", aborted.UploadId);

        var list = await _s3.ListMultipartUploadsAsync(bucket);

        var uploads = (list.MultipartUploads ?? []).Select(u => (u.Key, u.UploadId)).ToList();
        Assert.Equal(3, uploads.Count);
        Assert.Equal(["a", "b", "b"], uploads.Select(u => u.Key));
        Assert.Equal(
            new[] { a.UploadId, b1.UploadId, b2.UploadId }.Order(StringComparer.Ordinal),
            uploads.Select(u => u.UploadId).Order(StringComparer.Ordinal));
        Assert.All(list.MultipartUploads ?? [], u => Assert.NotNull(u.Initiated));
        Assert.Equal(bucket, list.BucketName);
        Assert.False(list.IsTruncated);
    }

    [Fact]
    public async Task List_multipart_uploads_filters_by_prefix_and_pages_with_max_uploads()
    {
        var bucket = await fixture.CreateBucketAsync("uploads-pages");
        foreach (var key in new[] { "logs/1", "logs/2", "logs/3", "other" })
        {
            await _s3.InitiateMultipartUploadAsync(bucket, key);
        }

        var first = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = "logs/", MaxUploads = 2 });
        var second = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
        {
            BucketName = bucket, Prefix = "logs/", MaxUploads = 2, KeyMarker = first.NextKeyMarker, UploadIdMarker = first.NextUploadIdMarker,
        });

        Assert.True(first.IsTruncated);
        Assert.Equal(["logs/1", "logs/2"], (first.MultipartUploads ?? []).Select(u => u.Key));
        Assert.Equal("logs/2", first.NextKeyMarker);
        Assert.False(second.IsTruncated);
        Assert.Equal(["logs/3"], (second.MultipartUploads ?? []).Select(u => u.Key));
    }

    [Fact]
    public async Task List_multipart_uploads_of_a_missing_bucket_is_NoSuchBucket()
    {
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound,
            () => _s3.ListMultipartUploadsAsync(fixture.NewBucketName("missing")));
    }

    private Task<UploadPartResponse> UploadPartAsync(string bucket, string key, string uploadId, int number, byte[] data) =>
        _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = number, InputStream = new MemoryStream(data),
        });
}
