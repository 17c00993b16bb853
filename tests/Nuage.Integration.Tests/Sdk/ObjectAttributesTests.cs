using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>GetObjectAttributes through AWSSDK.S3: the attributes asked for, and the parts of a multipart object page by page.</summary>
public sealed class ObjectAttributesTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const int PartSize = 5 * 1024 * 1024;

    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task A_single_put_object_answers_each_attribute_asked_for()
    {
        var bucket = await fixture.CreateBucketAsync("attributes");
        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k", ContentBody = "attributes please", ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        });

        var all = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "k",
            ObjectAttributes = [ObjectAttributes.ETag, ObjectAttributes.Checksum, ObjectAttributes.ObjectSize, ObjectAttributes.StorageClass, ObjectAttributes.ObjectParts],
        });
        Assert.Equal(put.ETag.Trim('"'), all.ETag.Trim('"'));
        Assert.Equal(put.ChecksumCRC32, all.Checksum.ChecksumCRC32);
        Assert.Equal("FULL_OBJECT", all.Checksum.ChecksumType?.Value);
        Assert.Equal(17, all.ObjectSize);
        Assert.Equal(S3StorageClass.Standard, all.StorageClass);
        Assert.Null(all.ObjectParts); // not a multipart object
        Assert.True(Math.Abs((all.LastModified!.Value - DateTime.UtcNow).TotalMinutes) < 10);

        var sizeOnly = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "k", ObjectAttributes = [ObjectAttributes.ObjectSize],
        });
        Assert.Equal(17, sizeOnly.ObjectSize);
        Assert.Null(sizeOnly.ETag);
        Assert.Null(sizeOnly.Checksum);
    }

    [Fact]
    public async Task A_multipart_object_lists_its_parts_page_by_page()
    {
        var bucket = await fixture.CreateBucketAsync("attributes-parts");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "mp");
        var etags = new List<PartETag>();
        foreach (var (number, size) in new[] { (1, PartSize), (2, PartSize), (3, 1024) })
        {
            var part = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartNumber = number, InputStream = new MemoryStream(new byte[size]),
            });
            etags.Add(new PartETag(number, part.ETag));
        }

        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartETags = etags });

        var first = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "mp", ObjectAttributes = [ObjectAttributes.ObjectParts, ObjectAttributes.ObjectSize], MaxParts = 2,
        });
        Assert.Equal((2 * PartSize) + 1024, first.ObjectSize);
        Assert.Equal(3, first.ObjectParts.TotalPartsCount);
        Assert.True(first.ObjectParts.IsTruncated);
        Assert.Equal([(1, (long)PartSize), (2, PartSize)], first.ObjectParts.Parts.Select(p => (p.PartNumber ?? 0, p.Size ?? 0)));

        var rest = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "mp", ObjectAttributes = [ObjectAttributes.ObjectParts], MaxParts = 2,
            PartNumberMarker = first.ObjectParts.NextPartNumberMarker,
        });
        Assert.False(rest.ObjectParts.IsTruncated);
        Assert.Equal([(3, 1024L)], rest.ObjectParts.Parts.Select(p => (p.PartNumber ?? 0, p.Size ?? 0)));
    }

    [Fact]
    public async Task Missing_or_unknown_attribute_names_and_missing_keys_are_refused()
    {
        var bucket = await fixture.CreateBucketAsync("attributes-bad");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });

        using var missingHeader = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, $"/{bucket}/k", [("attributes", "")]);
        await RawS3.AssertErrorAsync(missingHeader, HttpStatusCode.BadRequest, "InvalidArgument");

        using var unknown = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Get, $"/{bucket}/k", [("attributes", "")],
            headers: new Dictionary<string, string> { ["x-amz-object-attributes"] = "ETag,Colour" });
        await RawS3.AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "InvalidArgument");

        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "absent", ObjectAttributes = [ObjectAttributes.ETag],
        }));
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchKey"), (missing.StatusCode, missing.ErrorCode));
    }
}
