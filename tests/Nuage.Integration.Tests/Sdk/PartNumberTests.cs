using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>GET/HEAD ?partNumber=N: a ranged read of one part of a multipart object (GetObject, "PartNumber").</summary>
public sealed class PartNumberTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Each_part_of_a_multipart_object_reads_back_alone()
    {
        var bucket = await fixture.CreateBucketAsync("part-number");
        var part1 = TestBytes.Random(TestBytes.MinPartSize, seed: 11);
        var part2 = TestBytes.Random(700 * TestBytes.KiB, seed: 12);
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "two-parts");
        var etag1 = (await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "two-parts", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(part1),
        })).ETag;
        var etag2 = (await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "two-parts", UploadId = upload.UploadId, PartNumber = 2, InputStream = new MemoryStream(part2),
        })).ETag;
        var completed = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "two-parts", UploadId = upload.UploadId,
            PartETags = [new PartETag(1, etag1), new PartETag(2, etag2)],
        });

        foreach (var (number, expected) in new[] { (1, part1), (2, part2) })
        {
            using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "two-parts", PartNumber = number });
            Assert.Equal(HttpStatusCode.PartialContent, get.HttpStatusCode);
            Assert.Equal(2, get.PartsCount);
            Assert.Equal(completed.ETag, get.ETag);
            var bytes = await get.ReadAllAsync();
            Assert.True(expected.SequenceEqual(bytes), $"part {number} bytes differ");

            var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "two-parts", PartNumber = number });
            Assert.Equal(expected.Length, head.ContentLength);
            Assert.Equal(2, head.PartsCount);
        }

        await S3Assert.FailsAsync("InvalidPart", HttpStatusCode.BadRequest,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "two-parts", PartNumber = 3 }));
    }

    [Fact]
    public async Task A_single_part_object_is_its_own_part_one()
    {
        var bucket = await fixture.CreateBucketAsync("part-number-single");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "single", ContentBody = "body" });

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "single", PartNumber = 1 });
        Assert.Equal("body", System.Text.Encoding.UTF8.GetString(await get.ReadAllAsync()));

        await S3Assert.FailsAsync("InvalidPart", HttpStatusCode.BadRequest,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "single", PartNumber = 2 }));
    }

    [Fact]
    public async Task Part_number_with_a_range_is_refused()
    {
        var bucket = await fixture.CreateBucketAsync("part-number-range");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "body" });

        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", PartNumber = 1, ByteRange = new ByteRange(0, 1) }));
    }
}
