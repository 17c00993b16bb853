using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// The parts' own checksums outlive the completion of an upload that declared an algorithm: GetObjectAttributes
/// lists them in ObjectParts (API reference "ObjectPart": "present if the multipart upload request was created with
/// the ... checksum algorithm"), and GetObject/HeadObject ?partNumber=N with checksum mode answer part N's, with the
/// object's checksum type, so a client checks the part it read (ceph/s3-tests `test_multipart_use_cksum_helper_*`,
/// `test_get_multipart_checksum_object_attributes`).
/// </summary>
public sealed class PartChecksumTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Composite_sha256_part_checksums_are_answered_after_completion()
    {
        var bucket = await fixture.CreateBucketAsync("part-sha256");
        var part1 = TestBytes.Random(TestBytes.MinPartSize, seed: 41);
        var part2 = TestBytes.Random(1000, seed: 42);
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", ChecksumAlgorithm = ChecksumAlgorithm.SHA256, ChecksumType = ChecksumType.COMPOSITE,
        });
        await CompleteAsync(bucket, upload.UploadId, ChecksumAlgorithm.SHA256, part1, part2);

        var attributes = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "k", ObjectAttributes = [ObjectAttributes.ObjectParts],
        });
        Assert.Equal(
            [TestBytes.Sha256Base64(part1), TestBytes.Sha256Base64(part2)],
            attributes.ObjectParts.Parts.Select(p => p.ChecksumSHA256));

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", PartNumber = 2, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(TestBytes.Sha256Base64(part2), get.ChecksumSHA256);
        Assert.Equal(ChecksumType.COMPOSITE, get.ChecksumType);
        using (var read = new MemoryStream())
        {
            await get.ResponseStream.CopyToAsync(read);
            Assert.Equal(part2, read.ToArray());
        }

        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", PartNumber = 1, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(TestBytes.Sha256Base64(part1), head.ChecksumSHA256);

        // Without checksum mode no checksum is answered, for a part as for the whole object.
        var plain = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", PartNumber = 1 });
        Assert.Null(plain.ChecksumSHA256);
    }

    [Fact]
    public async Task Full_object_crc32c_parts_answer_their_own_crc_and_the_full_object_type()
    {
        var bucket = await fixture.CreateBucketAsync("part-crc32c");
        var part1 = TestBytes.Random(TestBytes.MinPartSize, seed: 43);
        var part2 = TestBytes.Random(777, seed: 44);
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", ChecksumAlgorithm = ChecksumAlgorithm.CRC32C, ChecksumType = ChecksumType.FULL_OBJECT,
        });
        await CompleteAsync(bucket, upload.UploadId, ChecksumAlgorithm.CRC32C, part1, part2);

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", PartNumber = 1, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(TestBytes.Crc32CBase64(part1), get.ChecksumCRC32C);
        Assert.Equal(ChecksumType.FULL_OBJECT, get.ChecksumType);

        var attributes = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "k", ObjectAttributes = [ObjectAttributes.ObjectParts],
        });
        Assert.Equal(
            [TestBytes.Crc32CBase64(part1), TestBytes.Crc32CBase64(part2)],
            attributes.ObjectParts.Parts.Select(p => p.ChecksumCRC32C));
    }

    private async Task CompleteAsync(string bucket, string uploadId, ChecksumAlgorithm algorithm, params byte[][] parts)
    {
        var etags = new List<PartETag>();
        for (int i = 0; i < parts.Length; i++)
        {
            var part = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "k", UploadId = uploadId, PartNumber = i + 1, InputStream = new MemoryStream(parts[i]), ChecksumAlgorithm = algorithm,
            });
            etags.Add(new PartETag(i + 1, part.ETag));
        }

        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "k", UploadId = uploadId, PartETags = etags });
    }
}
