using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>PutObject, GetObject, HeadObject, DeleteObject: bytes, sizes, ETags, Content-MD5, missing keys.</summary>
public sealed class ObjectTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4 * TestBytes.KiB)]
    [InlineData(128 * TestBytes.KiB)]
    [InlineData(128 * TestBytes.KiB + 1)]
    [InlineData(3 * TestBytes.MiB + 17)]
    public async Task Put_then_get_returns_same_bytes(int size)
    {
        var bucket = await fixture.CreateBucketAsync("put-get");
        var data = TestBytes.Random(size, seed: size);

        var put = await _s3.PutBytesAsync(bucket, "object.bin", data);
        using var get = await _s3.GetObjectAsync(bucket, "object.bin");

        Assert.Equal(TestBytes.QuotedETag(data), put.ETag);
        Assert.Equal(HttpStatusCode.OK, get.HttpStatusCode);
        Assert.Equal(size, get.ContentLength);
        Assert.Equal(TestBytes.QuotedETag(data), get.ETag);
        Assert.Equal(data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task Zero_byte_object_round_trips_with_the_md5_of_nothing()
    {
        var bucket = await fixture.CreateBucketAsync("empty");

        var put = await _s3.PutBytesAsync(bucket, "empty", []);
        using var get = await _s3.GetObjectAsync(bucket, "empty");
        var head = await _s3.GetObjectMetadataAsync(bucket, "empty");

        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", put.ETag);
        Assert.Equal(0, get.ContentLength);
        Assert.Empty(await get.ReadAllAsync());
        Assert.Equal(0, head.ContentLength);
        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", head.ETag);
    }

    [Fact]
    public async Task Head_reports_size_etag_type_and_last_modified_without_a_body()
    {
        var bucket = await fixture.CreateBucketAsync("head");
        var data = TestBytes.Random(1000, seed: 7);
        var before = DateTime.UtcNow.AddSeconds(-5);
        await _s3.PutBytesAsync(bucket, "h", data, r => r.ContentType = "application/x-test");

        var head = await _s3.GetObjectMetadataAsync(bucket, "h");

        Assert.Equal(1000, head.ContentLength);
        Assert.Equal(TestBytes.QuotedETag(data), head.ETag);
        Assert.Equal("application/x-test", head.Headers.ContentType);
        Assert.Equal("bytes", head.AcceptRanges);
        Assert.NotNull(head.LastModified);
        Assert.InRange(head.LastModified.Value.ToUniversalTime(), before, DateTime.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Object_without_content_type_is_served_as_binary_octet_stream()
    {
        var bucket = await fixture.CreateBucketAsync("default-type");
        await RawPutAsync(bucket, "untyped", [1, 2, 3]);

        var head = await _s3.GetObjectMetadataAsync(bucket, "untyped");

        Assert.Equal("binary/octet-stream", head.Headers.ContentType);
    }

    [Fact]
    public async Task Overwrite_replaces_bytes_and_etag()
    {
        var bucket = await fixture.CreateBucketAsync("overwrite");
        var first = TestBytes.Random(200 * TestBytes.KiB, seed: 1);
        var second = TestBytes.Random(10, seed: 2);
        await _s3.PutBytesAsync(bucket, "k", first);

        await _s3.PutBytesAsync(bucket, "k", second);

        using var get = await _s3.GetObjectAsync(bucket, "k");
        Assert.Equal(TestBytes.QuotedETag(second), get.ETag);
        Assert.Equal(second, await get.ReadAllAsync());
    }

    [Fact]
    public async Task Content_md5_that_matches_is_accepted()
    {
        var bucket = await fixture.CreateBucketAsync("md5-ok");
        var data = TestBytes.Random(5000, seed: 3);

        var put = await _s3.PutBytesAsync(bucket, "k", data, r => r.MD5Digest = TestBytes.Md5Base64(data));

        Assert.Equal(TestBytes.QuotedETag(data), put.ETag);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(300 * TestBytes.KiB)]
    public async Task Content_md5_mismatch_is_BadDigest_and_stores_nothing(int size)
    {
        var bucket = await fixture.CreateBucketAsync("md5-bad");
        var data = TestBytes.Random(size, seed: 4);

        await S3Assert.FailsAsync("BadDigest", HttpStatusCode.BadRequest,
            () => _s3.PutBytesAsync(bucket, "k", data, r => r.MD5Digest = TestBytes.Md5Base64([1, 2, 3])));

        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Fact]
    public async Task Content_md5_that_is_not_a_digest_is_InvalidDigest()
    {
        var bucket = await fixture.CreateBucketAsync("md5-invalid");

        await S3Assert.FailsAsync("InvalidDigest", HttpStatusCode.BadRequest,
            () => _s3.PutBytesAsync(bucket, "k", [1, 2, 3], r => r.MD5Digest = "bm90LWEtZGlnZXN0"));
    }

    [Fact]
    public async Task Put_with_a_plain_signed_payload_is_stored()
    {
        var bucket = await fixture.CreateBucketAsync("unchunked");
        var data = TestBytes.Random(70 * TestBytes.KiB, seed: 5);

        await _s3.PutBytesAsync(bucket, "k", data, r => r.UseChunkEncoding = false);

        Assert.Equal(data, await _s3.GetBytesAsync(bucket, "k"));
    }

    [Fact]
    public async Task Get_missing_key_is_NoSuchKey()
    {
        var bucket = await fixture.CreateBucketAsync("nokey");

        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "absent"));
    }

    [Fact]
    public async Task Head_missing_key_is_404()
    {
        var bucket = await fixture.CreateBucketAsync("head-nokey");

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(bucket, "absent"));
    }

    [Fact]
    public async Task Get_put_and_delete_in_a_missing_bucket_are_NoSuchBucket()
    {
        var bucket = fixture.NewBucketName("nobucket");

        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.PutBytesAsync(bucket, "k", [1]));
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.DeleteObjectAsync(bucket, "k"));
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound,
            () => _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
    }

    [Fact]
    public async Task Delete_answers_204_and_the_object_is_gone()
    {
        var bucket = await fixture.CreateBucketAsync("delete");
        await _s3.PutBytesAsync(bucket, "k", TestBytes.Random(200 * TestBytes.KiB, seed: 6));

        var response = await _s3.DeleteObjectAsync(bucket, "k");

        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatusCode);
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Fact]
    public async Task Delete_of_a_missing_key_answers_204()
    {
        var bucket = await fixture.CreateBucketAsync("delete-missing");

        var response = await _s3.DeleteObjectAsync(bucket, "never-existed");

        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatusCode);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a//b/./c")]
    [InlineData("dir/")]
    [InlineData("spaces and+plus?&=#%")]
    [InlineData("üñí©ødé/中文/😀")]
    public async Task Unusual_keys_are_ordinary_keys(string key)
    {
        var bucket = await fixture.CreateBucketAsync("odd-keys");
        var data = TestBytes.Random(64, seed: key.Length);

        await _s3.PutBytesAsync(bucket, key, data);

        Assert.Equal(data, await _s3.GetBytesAsync(bucket, key));
        Assert.Equal([key], await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Key_with_a_leading_slash_is_an_ordinary_key()
    {
        // The SDK trims a leading '/' from keys, so the request is sent raw: /bucket//abs/path is the key "/abs/path".
        var bucket = await fixture.CreateBucketAsync("slash-key");

        await RawPutAsync(bucket, "/abs/path", [1, 2]);

        Assert.Equal(["/abs/path"], await _s3.ListAllKeysAsync(bucket));
        using var get = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "/abs/path"));
        Assert.Equal([1, 2], await get.Content.ReadAsByteArrayAsync());
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "abs/path"));
    }

    [Fact]
    public async Task Key_of_1024_bytes_is_accepted_and_1025_is_KeyTooLongError()
    {
        var bucket = await fixture.CreateBucketAsync("long-key");
        var longest = new string('k', 1022) + "é"; // 1022 + 2 bytes of UTF-8

        await _s3.PutBytesAsync(bucket, longest, [1]);
        await S3Assert.FailsAsync("KeyTooLongError", HttpStatusCode.BadRequest,
            () => _s3.PutBytesAsync(bucket, longest + "x", [1]));

        Assert.Equal([longest], await _s3.ListAllKeysAsync(bucket));
    }

    private async Task RawPutAsync(string bucket, string key, byte[] body)
    {
        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, SigV4Signer.EncodePath(bucket, key), body: body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
