using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>aws-chunked uploads: signed chunks (each signature verified) and unsigned chunks with a trailing checksum.</summary>
public sealed class StreamingUploadTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public async Task Signed_chunks_are_stored_without_the_framing(int lastChunk)
    {
        // 64 KiB + 64 KiB + 0 is exactly the 128 KiB inline limit.
        var bucket = await fixture.CreateBucketAsync("chunks-ok");
        byte[][] chunks = [TestBytes.Random(64 * TestBytes.KiB, 1), TestBytes.Random(64 * TestBytes.KiB, 2), TestBytes.Random(lastChunk, 3)];
        chunks = chunks.Where(c => c.Length > 0).ToArray();

        using var response = await RawS3.SendAsync(AwsChunkedBody.SignedChunks(fixture.Endpoint, SigV4Signer.EncodePath(bucket, "k"), SigV4Signer.Root, chunks));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var data = TestBytes.Concat(chunks);
        Assert.Equal(TestBytes.QuotedETag(data), response.Headers.ETag?.ToString());
        using var get = await _s3.GetObjectAsync(bucket, "k");
        Assert.Equal(data, await get.ReadAllAsync());
        Assert.Null(get.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Wrong_chunk_signature_is_SignatureDoesNotMatch_and_stores_nothing(int corruptChunk)
    {
        var bucket = await fixture.CreateBucketAsync("chunks-bad");
        byte[][] chunks = [TestBytes.Random(64 * TestBytes.KiB, 4), TestBytes.Random(64 * TestBytes.KiB, 5), TestBytes.Random(10, 6)];

        using var response = await RawS3.SendAsync(AwsChunkedBody.SignedChunks(
            fixture.Endpoint, SigV4Signer.EncodePath(bucket, "k"), SigV4Signer.Root, chunks, corruptSignatureOfChunk: corruptChunk));

        await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(128 * TestBytes.KiB)]
    [InlineData(300 * TestBytes.KiB)]
    public async Task Unsigned_chunks_with_a_correct_trailing_checksum_are_stored(int size)
    {
        var bucket = await fixture.CreateBucketAsync("trailer-ok");
        var data = TestBytes.Random(size, 7);

        using var response = await RawS3.SendAsync(AwsChunkedBody.UnsignedWithTrailer(
            fixture.Endpoint, SigV4Signer.EncodePath(bucket, "k"), SigV4Signer.Root, data, "x-amz-checksum-crc32c", TestBytes.Crc32CBase64(data)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(data, await _s3.GetBytesAsync(bucket, "k"));
        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(TestBytes.Crc32CBase64(data), head.ChecksumCRC32C);
    }

    [Fact]
    public async Task Unsigned_chunks_with_a_wrong_trailing_checksum_are_BadDigest_and_store_nothing()
    {
        var bucket = await fixture.CreateBucketAsync("trailer-bad");
        var data = TestBytes.Random(5000, 8);

        using var response = await RawS3.SendAsync(AwsChunkedBody.UnsignedWithTrailer(
            fixture.Endpoint, SigV4Signer.EncodePath(bucket, "k"), SigV4Signer.Root, data, "x-amz-checksum-sha256", TestBytes.Sha256Base64([1])));

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadDigest");
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Theory]
    [InlineData(128 * TestBytes.KiB - 1)]
    [InlineData(128 * TestBytes.KiB)]
    [InlineData(128 * TestBytes.KiB + 1)]
    public async Task Sdk_default_upload_at_the_inline_size_boundary_round_trips(int size)
    {
        // The SDK's default PUT is aws-chunked with a trailing CRC32; 128 KiB is where Nuage moves from inline to blob.
        var bucket = await fixture.CreateBucketAsync("boundary");
        var data = TestBytes.Random(size, size);

        await _s3.PutBytesAsync(bucket, "k", data);

        Assert.Equal(data, await _s3.GetBytesAsync(bucket, "k"));
    }
}
