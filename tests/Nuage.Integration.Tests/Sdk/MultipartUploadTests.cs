using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload and its checks, AbortMultipartUpload.</summary>
public sealed class MultipartUploadTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Completed_upload_has_the_parts_bytes_and_the_md5_of_md5s_etag()
    {
        var bucket = await fixture.CreateBucketAsync("mpu");
        byte[][] parts = [TestBytes.Random(TestBytes.MinPartSize, 1), TestBytes.Random(TestBytes.MinPartSize, 2), TestBytes.Random(12345, 3)];
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "big.bin", ContentType = "application/x-parts", Metadata = { ["stage"] = "final" },
        });
        Assert.Equal((bucket, "big.bin"), (upload.BucketName, upload.Key));
        Assert.False(string.IsNullOrEmpty(upload.UploadId));

        var etags = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await UploadPartAsync(bucket, "big.bin", upload.UploadId, i + 1, parts[i]);
            Assert.Equal(TestBytes.QuotedETag(parts[i]), part.ETag);
            etags.Add(new PartETag(i + 1, part.ETag));
        }

        var complete = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "big.bin", UploadId = upload.UploadId, PartETags = etags,
        });

        var expectedETag = TestBytes.MultipartETag(parts);
        Assert.Equal((bucket, "big.bin", expectedETag), (complete.BucketName, complete.Key, complete.ETag));
        using var get = await _s3.GetObjectAsync(bucket, "big.bin");
        Assert.Equal(expectedETag, get.ETag);
        Assert.Equal("application/x-parts", get.Headers.ContentType);
        Assert.Equal("final", get.Metadata["x-amz-meta-stage"]);
        Assert.Equal(TestBytes.Concat(parts), await get.ReadAllAsync());
        Assert.Equal(["big.bin"], await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Upload_of_one_small_part_completes()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-one");
        var data = TestBytes.Random(1000, 4);
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "small");
        var part = await UploadPartAsync(bucket, "small", upload.UploadId, 1, data);

        var complete = await CompleteAsync(bucket, "small", upload.UploadId, new PartETag(1, part.ETag));

        Assert.Equal(TestBytes.MultipartETag([data]), complete.ETag);
        Assert.Equal(data, await _s3.GetBytesAsync(bucket, "small"));
    }

    [Fact]
    public async Task Reuploaded_part_number_replaces_the_earlier_part()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-reupload");
        var first = TestBytes.Random(100, 5);
        var second = TestBytes.Random(200, 6);
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        await UploadPartAsync(bucket, "k", upload.UploadId, 1, first);
        var part = await UploadPartAsync(bucket, "k", upload.UploadId, 1, second);

        await CompleteAsync(bucket, "k", upload.UploadId, new PartETag(1, part.ETag));

        Assert.Equal(second, await _s3.GetBytesAsync(bucket, "k"));
    }

    [Fact]
    public async Task Upload_part_copy_copies_a_whole_object_and_a_range()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-copy");
        var whole = TestBytes.Random(TestBytes.MinPartSize + 10, 7);
        var ranged = TestBytes.Random(300 * TestBytes.KiB, 8);
        await _s3.PutBytesAsync(bucket, "whole", whole);
        await _s3.PutBytesAsync(bucket, "ranged", ranged);
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "assembled");

        var part1 = await _s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket, SourceKey = "whole", DestinationBucket = bucket, DestinationKey = "assembled",
            UploadId = upload.UploadId, PartNumber = 1,
        });
        var part2 = await _s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket, SourceKey = "ranged", DestinationBucket = bucket, DestinationKey = "assembled",
            UploadId = upload.UploadId, PartNumber = 2, FirstByte = 1000, LastByte = 200_999,
        });
        var rangeBytes = ranged.AsSpan(1000, 200_000).ToArray();
        Assert.Equal(TestBytes.QuotedETag(whole), part1.ETag);
        Assert.Equal(TestBytes.QuotedETag(rangeBytes), part2.ETag);

        var complete = await CompleteAsync(bucket, "assembled", upload.UploadId, new PartETag(1, part1.ETag), new PartETag(2, part2.ETag));

        Assert.Equal(TestBytes.MultipartETag([whole, rangeBytes]), complete.ETag);
        Assert.Equal(TestBytes.Concat(whole, rangeBytes), await _s3.GetBytesAsync(bucket, "assembled"));
    }

    [Fact]
    public async Task Upload_part_copy_with_a_range_beyond_the_source_is_InvalidArgument()
    {
        // AWS: 400 InvalidArgument "Range specified is not valid for source object of size: 100".
        var bucket = await fixture.CreateBucketAsync("mpu-copy-range");
        await _s3.PutBytesAsync(bucket, "src", TestBytes.Random(100, 9));
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "dst");

        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst",
            UploadId = upload.UploadId, PartNumber = 1, FirstByte = 50, LastByte = 500,
        }));

        var parts = await _s3.ListPartsAsync(bucket, "dst", upload.UploadId);
        Assert.Empty(parts.Parts ?? []);
    }

    [Fact]
    public async Task Complete_with_parts_out_of_order_is_InvalidPartOrder()
    {
        // The SDK sorts PartETags before sending, so the document is sent raw.
        var bucket = await fixture.CreateBucketAsync("mpu-order");
        byte[][] parts = [TestBytes.Random(TestBytes.MinPartSize, 10), TestBytes.Random(100, 11)];
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        var e1 = (await UploadPartAsync(bucket, "k", upload.UploadId, 1, parts[0])).ETag;
        var e2 = (await UploadPartAsync(bucket, "k", upload.UploadId, 2, parts[1])).ETag;

        using var response = await RawCompleteAsync(bucket, "k", upload.UploadId, (2, e2), (1, e1));

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidPartOrder");
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));

        using var ordered = await RawCompleteAsync(bucket, "k", upload.UploadId, (1, e1), (2, e2));
        Assert.Equal(HttpStatusCode.OK, ordered.StatusCode);
        Assert.Equal(TestBytes.Concat(parts), await _s3.GetBytesAsync(bucket, "k"));
    }

    [Fact]
    public async Task Complete_with_a_wrong_etag_is_InvalidPart()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-wrong-etag");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        await UploadPartAsync(bucket, "k", upload.UploadId, 1, TestBytes.Random(100, 12));

        await S3Assert.FailsAsync("InvalidPart", HttpStatusCode.BadRequest,
            () => CompleteAsync(bucket, "k", upload.UploadId, new PartETag(1, "\"0123456789abcdef0123456789abcdef\"")));
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Fact]
    public async Task Complete_naming_a_part_never_uploaded_is_InvalidPart()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-missing-part");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        var part = await UploadPartAsync(bucket, "k", upload.UploadId, 1, TestBytes.Random(TestBytes.MinPartSize, 13));

        await S3Assert.FailsAsync("InvalidPart", HttpStatusCode.BadRequest,
            () => CompleteAsync(bucket, "k", upload.UploadId, new PartETag(1, part.ETag), new PartETag(2, part.ETag)));
    }

    [Fact]
    public async Task Small_part_that_is_not_the_last_is_EntityTooSmall()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-too-small");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        var p1 = await UploadPartAsync(bucket, "k", upload.UploadId, 1, TestBytes.Random(TestBytes.MinPartSize - 1, 14));
        var p2 = await UploadPartAsync(bucket, "k", upload.UploadId, 2, TestBytes.Random(10, 15));

        await S3Assert.FailsAsync("EntityTooSmall", HttpStatusCode.BadRequest,
            () => CompleteAsync(bucket, "k", upload.UploadId, new PartETag(1, p1.ETag), new PartETag(2, p2.ETag)));
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Fact]
    public async Task Aborted_upload_is_NoSuchUpload_afterwards()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-abort");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        var part = await UploadPartAsync(bucket, "k", upload.UploadId, 1, TestBytes.Random(200 * TestBytes.KiB, 16));

        var abort = await _s3.AbortMultipartUploadAsync(bucket, "k", upload.UploadId);

        Assert.Equal(HttpStatusCode.NoContent, abort.HttpStatusCode);
        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => UploadPartAsync(bucket, "k", upload.UploadId, 2, [1]));
        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => CompleteAsync(bucket, "k", upload.UploadId, new PartETag(1, part.ETag)));
        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => _s3.ListPartsAsync(bucket, "k", upload.UploadId));
        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => _s3.AbortMultipartUploadAsync(bucket, "k", upload.UploadId));
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Fact]
    public async Task Completed_upload_id_is_NoSuchUpload_for_further_parts()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-done");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        var part = await UploadPartAsync(bucket, "k", upload.UploadId, 1, [1, 2, 3]);
        await CompleteAsync(bucket, "k", upload.UploadId, new PartETag(1, part.ETag));

        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound, () => UploadPartAsync(bucket, "k", upload.UploadId, 2, [4]));
        Assert.Equal([1, 2, 3], await _s3.GetBytesAsync(bucket, "k"));
    }

    [Fact]
    public async Task Unknown_upload_id_is_NoSuchUpload()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-unknown");

        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => UploadPartAsync(bucket, "k", "not-an-upload-id", 1, [1]));
        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => CompleteAsync(bucket, "k", "not-an-upload-id", new PartETag(1, "\"0123456789abcdef0123456789abcdef\"")));
    }

    [Fact]
    public async Task Upload_id_used_with_another_key_is_NoSuchUpload()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-other-key");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");

        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => UploadPartAsync(bucket, "other", upload.UploadId, 1, [1]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public async Task Part_number_outside_1_to_10000_is_InvalidArgument(int partNumber)
    {
        var bucket = await fixture.CreateBucketAsync("mpu-part-number");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");

        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest,
            () => UploadPartAsync(bucket, "k", upload.UploadId, partNumber, [1]));
    }

    [Fact]
    public async Task Malformed_complete_document_is_MalformedXML()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-malformed");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Post, SigV4Signer.EncodePath(bucket, "k"),
            query: [new("uploadId", upload.UploadId)], body: "<CompleteMultipartUpload><Part>"u8.ToArray());

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
    }

    private Task<UploadPartResponse> UploadPartAsync(string bucket, string key, string uploadId, int number, byte[] data) =>
        _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = number, InputStream = new MemoryStream(data),
        });

    private Task<CompleteMultipartUploadResponse> CompleteAsync(string bucket, string key, string uploadId, params PartETag[] parts) =>
        _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = key, UploadId = uploadId, PartETags = parts.ToList(),
        });

    private Task<HttpResponseMessage> RawCompleteAsync(string bucket, string key, string uploadId, params (int Number, string ETag)[] parts)
    {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + string.Concat(parts.Select(p => $"<Part><PartNumber>{p.Number}</PartNumber><ETag>{p.ETag}</ETag></Part>"))
            + "</CompleteMultipartUpload>";
        return RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Post, SigV4Signer.EncodePath(bucket, key),
            query: [new("uploadId", uploadId)], body: Encoding.UTF8.GetBytes(xml));
    }
}
