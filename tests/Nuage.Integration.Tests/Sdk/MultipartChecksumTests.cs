using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>A whole-object checksum sent with CompleteMultipartUpload is checked against the parts' composite.</summary>
public sealed class MultipartChecksumTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Wrong_composite_sha256_refuses_the_completion_and_the_right_one_completes()
    {
        var bucket = await fixture.CreateBucketAsync("mp-checksum");
        var part1 = TestBytes.Random(TestBytes.MinPartSize, seed: 21);
        var part2 = TestBytes.Random(300 * TestBytes.KiB, seed: 22);
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        });
        var etags = new List<PartETag>();
        var number = 1;
        foreach (var data in new[] { part1, part2 })
        {
            var response = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartNumber = number,
                InputStream = new MemoryStream(data), ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            });
            etags.Add(new PartETag(number++, response.ETag) { ChecksumSHA256 = response.ChecksumSHA256 });
        }

        var composite = Convert.ToBase64String(SHA256.HashData(TestBytes.Concat(SHA256.HashData(part1), SHA256.HashData(part2))));

        await S3Assert.FailsAsync("BadDigest", HttpStatusCode.BadRequest, () => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartETags = etags,
            ChecksumSHA256 = Convert.ToBase64String(SHA256.HashData("bad"u8)),
        }));

        var completed = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartETags = etags, ChecksumSHA256 = composite + "-2",
        });
        Assert.Equal(composite + "-2", completed.ChecksumSHA256);
    }
}
