using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// CompleteMultipartUpload retried after it succeeded, e.g. when the first answer was lost to a timeout: AWS answers
/// 200 again with the same result (minio/minio#13318, adobe/S3Mock#2586), as long as the object it wrote is still
/// the key's current one; otherwise the upload is unknown (NoSuchUpload).
/// </summary>
public sealed class MultipartRetryTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Complete_sent_twice_answers_the_same_etag_and_checksum_both_times()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-retry");
        byte[][] parts = [TestBytes.Random(TestBytes.MinPartSize, 1), TestBytes.Random(1234, 2)];
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        });
        var etags = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartNumber = i + 1,
                InputStream = new MemoryStream(parts[i]), ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            });
            etags.Add(new PartETag(i + 1, part.ETag) { ChecksumCRC32 = part.ChecksumCRC32 });
        }

        var first = await CompleteAsync(bucket, "k", upload.UploadId, etags);
        var second = await CompleteAsync(bucket, "k", upload.UploadId, etags);

        Assert.Equal(HttpStatusCode.OK, second.HttpStatusCode);
        Assert.Equal(TestBytes.MultipartETag(parts), first.ETag);
        Assert.Equal(first.ETag, second.ETag);
        Assert.False(string.IsNullOrEmpty(first.ChecksumCRC32), "The first completion carries no composite CRC32.");
        Assert.Equal(first.ChecksumCRC32, second.ChecksumCRC32);
        Assert.Equal((bucket, "k"), (second.BucketName, second.Key));
        using var get = await _s3.GetObjectAsync(bucket, "k");
        Assert.Equal(first.ETag, get.ETag);
        Assert.Equal(TestBytes.Concat(parts), await get.ReadAllAsync());
    }

    [Fact]
    public async Task Complete_of_an_aborted_upload_is_NoSuchUpload()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-retry-abort");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        var part = await UploadPartAsync(bucket, "k", upload.UploadId, [1, 2, 3]);
        await _s3.AbortMultipartUploadAsync(bucket, "k", upload.UploadId);

        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => CompleteAsync(bucket, "k", upload.UploadId, [new PartETag(1, part.ETag)]));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(bucket, "k"));
    }

    [Fact]
    public async Task Complete_retried_after_the_key_was_overwritten_by_a_put_is_NoSuchUpload()
    {
        var bucket = await fixture.CreateBucketAsync("mpu-retry-overwritten");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        var part = await UploadPartAsync(bucket, "k", upload.UploadId, [1, 2, 3]);
        List<PartETag> etags = [new PartETag(1, part.ETag)];
        await CompleteAsync(bucket, "k", upload.UploadId, etags);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "newer" });

        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound, () => CompleteAsync(bucket, "k", upload.UploadId, etags));

        // The refused retry left the newer object alone.
        Assert.Equal("newer"u8.ToArray(), await _s3.GetBytesAsync(bucket, "k"));
    }

    private Task<UploadPartResponse> UploadPartAsync(string bucket, string key, string uploadId, byte[] data) =>
        _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = 1, InputStream = new MemoryStream(data),
        });

    private Task<CompleteMultipartUploadResponse> CompleteAsync(string bucket, string key, string uploadId, List<PartETag> parts) =>
        _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = key, UploadId = uploadId, PartETags = parts,
        });
}
