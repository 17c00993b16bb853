using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// FULL_OBJECT checksums of multipart uploads (AWS "Checking object integrity in Amazon S3"): the CRC of the whole
/// object, reported without "-N" and with x-amz-checksum-type FULL_OBJECT by every operation that shows it.
/// </summary>
public sealed class FullObjectChecksumTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    public static TheoryData<string> Crcs => ["CRC32", "CRC32C", "CRC64NVME"];

    [Theory]
    [MemberData(nameof(Crcs))]
    public async Task A_full_object_multipart_checksum_is_the_crc_of_the_whole_object(string algorithmName)
    {
        var algorithm = ChecksumAlgorithm.FindValue(algorithmName);
        var bucket = await fixture.CreateBucketAsync("full-object");
        var part1 = TestBytes.Random(TestBytes.MinPartSize, seed: 31);
        var part2 = TestBytes.Random(300 * TestBytes.KiB + 7, seed: 32);
        var whole = Crc(algorithmName, TestBytes.Concat(part1, part2));

        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", ChecksumAlgorithm = algorithm, ChecksumType = ChecksumType.FULL_OBJECT,
        });
        Assert.Equal(ChecksumType.FULL_OBJECT, upload.ChecksumType);
        Assert.Equal(algorithm, upload.ChecksumAlgorithm);

        var etags = await UploadPartsAsync(bucket, upload.UploadId, algorithm, part1, part2);

        var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "k", UploadId = upload.UploadId });
        Assert.Equal(ChecksumType.FULL_OBJECT, parts.ChecksumType);
        var uploads = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        Assert.Equal(ChecksumType.FULL_OBJECT, Assert.Single(uploads.MultipartUploads).ChecksumType);

        var completed = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartETags = etags,
            ChecksumType = ChecksumType.FULL_OBJECT, MpuObjectSize = part1.Length + part2.Length,
            ChecksumCRC32 = algorithmName == "CRC32" ? whole : null,
            ChecksumCRC32C = algorithmName == "CRC32C" ? whole : null,
            ChecksumCRC64NVME = algorithmName == "CRC64NVME" ? whole : null,
        });
        Assert.Equal(ChecksumType.FULL_OBJECT, completed.ChecksumType);
        Assert.Equal(whole, ValueOf(algorithmName, completed.ChecksumCRC32, completed.ChecksumCRC32C, completed.ChecksumCRC64NVME));

        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(ChecksumType.FULL_OBJECT, head.ChecksumType);
        Assert.Equal(whole, ValueOf(algorithmName, head.ChecksumCRC32, head.ChecksumCRC32C, head.ChecksumCRC64NVME));

        // With checksum mode enabled the SDK checks a FULL_OBJECT value against the body it reads.
        using (var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", ChecksumMode = ChecksumMode.ENABLED }))
        {
            Assert.Equal(ChecksumType.FULL_OBJECT, get.ChecksumType);
            using var read = new MemoryStream();
            await get.ResponseStream.CopyToAsync(read);
            Assert.Equal(part1.Length + part2.Length, read.Length);
        }

        var attributes = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "k", ObjectAttributes = [ObjectAttributes.Checksum],
        });
        Assert.Equal(ChecksumType.FULL_OBJECT, attributes.Checksum.ChecksumType);
        Assert.Equal(whole, ValueOf(algorithmName, attributes.Checksum.ChecksumCRC32, attributes.Checksum.ChecksumCRC32C, attributes.Checksum.ChecksumCRC64NVME));
    }

    [Fact]
    public async Task A_wrong_full_object_value_or_type_refuses_the_completion()
    {
        var bucket = await fixture.CreateBucketAsync("full-object-bad");
        var part1 = TestBytes.Random(TestBytes.MinPartSize, seed: 33);
        var part2 = TestBytes.Random(1000, seed: 34);
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", ChecksumAlgorithm = ChecksumAlgorithm.CRC32C, ChecksumType = ChecksumType.FULL_OBJECT,
        });
        var etags = await UploadPartsAsync(bucket, upload.UploadId, ChecksumAlgorithm.CRC32C, part1, part2);

        await S3Assert.FailsAsync("BadDigest", HttpStatusCode.BadRequest, () => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartETags = etags,
            ChecksumType = ChecksumType.FULL_OBJECT, ChecksumCRC32C = TestBytes.Crc32CBase64(part1),
        }));
        await S3Assert.FailsAsync("BadDigest", HttpStatusCode.BadRequest, () => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartETags = etags, ChecksumType = ChecksumType.COMPOSITE,
        }));
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartETags = etags, MpuObjectSize = part1.Length,
        }));

        // The upload is still there after the refusals, and completes without any whole-object value.
        var completed = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartETags = etags,
        });
        Assert.Equal(TestBytes.Crc32CBase64(TestBytes.Concat(part1, part2)), completed.ChecksumCRC32C);
    }

    [Theory]
    [InlineData("SHA1", "FULL_OBJECT")]
    [InlineData("SHA256", "FULL_OBJECT")]
    [InlineData("CRC64NVME", "COMPOSITE")]
    public async Task Checksum_types_the_algorithm_does_not_have_are_invalid_requests(string algorithm, string type)
    {
        var bucket = await fixture.CreateBucketAsync("full-object-pairs");
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", ChecksumAlgorithm = ChecksumAlgorithm.FindValue(algorithm), ChecksumType = ChecksumType.FindValue(type),
        }));
    }

    [Fact]
    public async Task Crc64Nvme_uploads_are_full_object_and_crc32_uploads_composite_by_default()
    {
        var bucket = await fixture.CreateBucketAsync("full-object-default");
        var nvme = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "nvme", ChecksumAlgorithm = ChecksumAlgorithm.CRC64NVME,
        });
        Assert.Equal(ChecksumType.FULL_OBJECT, nvme.ChecksumType);

        var crc32 = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "crc32", ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        });
        Assert.Equal(ChecksumType.COMPOSITE, crc32.ChecksumType);
        var data = TestBytes.Random(100, seed: 35);
        var etags = await UploadPartsAsync(bucket, crc32.UploadId, ChecksumAlgorithm.CRC32, data, key: "crc32");
        var completed = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "crc32", UploadId = crc32.UploadId, PartETags = etags,
        });
        Assert.Equal(ChecksumType.COMPOSITE, completed.ChecksumType);
        Assert.EndsWith("-1", completed.ChecksumCRC32, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_put_reports_its_checksum_as_full_object()
    {
        var bucket = await fixture.CreateBucketAsync("full-object-put");
        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k", ContentBody = "one piece", ChecksumAlgorithm = ChecksumAlgorithm.CRC32C,
        });
        Assert.Equal(ChecksumType.FULL_OBJECT, put.ChecksumType);

        var copy = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "k", DestinationBucket = bucket, DestinationKey = "copy", ChecksumAlgorithm = ChecksumAlgorithm.CRC32C,
        });
        Assert.Equal(ChecksumType.FULL_OBJECT, copy.ChecksumType);
        Assert.Equal(put.ChecksumCRC32C, copy.ChecksumCRC32C);
    }

    private async Task<List<PartETag>> UploadPartsAsync(string bucket, string uploadId, ChecksumAlgorithm algorithm, params byte[][] parts) =>
        await UploadPartsAsync(bucket, uploadId, algorithm, parts, "k");

    private async Task<List<PartETag>> UploadPartsAsync(string bucket, string uploadId, ChecksumAlgorithm algorithm, byte[] data, string key) =>
        await UploadPartsAsync(bucket, uploadId, algorithm, [data], key);

    private async Task<List<PartETag>> UploadPartsAsync(string bucket, string uploadId, ChecksumAlgorithm algorithm, byte[][] parts, string key)
    {
        var etags = new List<PartETag>();
        for (int i = 0; i < parts.Length; i++)
        {
            var response = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = i + 1,
                InputStream = new MemoryStream(parts[i]), ChecksumAlgorithm = algorithm,
            });
            etags.Add(new PartETag(i + 1, response.ETag));
        }

        return etags;
    }

    private static string? ValueOf(string algorithm, string? crc32, string? crc32c, string? crc64nvme) => algorithm switch
    {
        "CRC32" => crc32,
        "CRC32C" => crc32c,
        _ => crc64nvme,
    };

    /// <summary>The CRC of the whole object, computed here in one pass, as S3 shows it: base64 of big-endian bytes.</summary>
    private static string Crc(string algorithm, byte[] data)
    {
        if (algorithm == "CRC64NVME")
        {
            var digest = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(digest, Crc64.HashToUInt64(Crc64ParameterSet.Nvme, data));
            return Convert.ToBase64String(digest);
        }

        return algorithm == "CRC32C" ? TestBytes.Crc32CBase64(data) : TestBytes.Crc32Base64(data);
    }
}
