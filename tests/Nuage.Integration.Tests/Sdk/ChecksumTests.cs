using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// Additional checksums ("Checking object integrity", S3 user guide): the SDK computes them (as a trailer of an
/// aws-chunked body by default), the server verifies and stores them, and GetObject with ChecksumMode ENABLED
/// returns them. Expected values are computed here, independently of server and SDK.
/// </summary>
public sealed class ChecksumTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    public static TheoryData<string, int> Algorithms() => new()
    {
        { "CRC32", 1000 }, { "CRC32C", 1000 }, { "SHA1", 1000 }, { "SHA256", 1000 },
        { "CRC32", 300 * TestBytes.KiB }, { "CRC32C", 300 * TestBytes.KiB }, { "SHA1", 300 * TestBytes.KiB }, { "SHA256", 300 * TestBytes.KiB },
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Checksum_sent_with_put_is_returned_by_get_with_checksum_mode(string algorithm, int size)
    {
        var bucket = await fixture.CreateBucketAsync("checksum-" + algorithm);
        var data = TestBytes.Random(size, seed: size + algorithm.Length);
        var expected = Expected(algorithm, data);

        var put = await _s3.PutBytesAsync(bucket, "k", data, r => r.ChecksumAlgorithm = new ChecksumAlgorithm(algorithm));
        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", ChecksumMode = ChecksumMode.ENABLED });
        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", ChecksumMode = ChecksumMode.ENABLED });

        Assert.Equal(expected, Value(algorithm, put.ChecksumCRC32, put.ChecksumCRC32C, put.ChecksumSHA1, put.ChecksumSHA256));
        Assert.Equal(expected, Value(algorithm, get.ChecksumCRC32, get.ChecksumCRC32C, get.ChecksumSHA1, get.ChecksumSHA256));
        Assert.Equal(expected, Value(algorithm, head.ChecksumCRC32, head.ChecksumCRC32C, head.ChecksumSHA1, head.ChecksumSHA256));
        Assert.Equal(data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task Checksum_is_not_returned_without_checksum_mode()
    {
        var bucket = await fixture.CreateBucketAsync("checksum-quiet");
        await _s3.PutBytesAsync(bucket, "k", [1, 2, 3], r => r.ChecksumAlgorithm = ChecksumAlgorithm.SHA256);

        using var raw = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "k"));

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.False(raw.Headers.Contains("x-amz-checksum-sha256"));
    }

    [Theory]
    [InlineData("CRC32")]
    [InlineData("CRC32C")]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    public async Task Wrong_checksum_header_is_BadDigest_and_stores_nothing(string algorithm)
    {
        var bucket = await fixture.CreateBucketAsync("checksum-bad-" + algorithm);
        var data = TestBytes.Random(2000, seed: 11);
        var wrong = Expected(algorithm, [9, 9, 9]);

        await S3Assert.FailsAsync("BadDigest", HttpStatusCode.BadRequest, () => _s3.PutBytesAsync(bucket, "k", data, r =>
        {
            switch (algorithm)
            {
                case "CRC32": r.ChecksumCRC32 = wrong; break;
                case "CRC32C": r.ChecksumCRC32C = wrong; break;
                case "SHA1": r.ChecksumSHA1 = wrong; break;
                default: r.ChecksumSHA256 = wrong; break;
            }
        }));

        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Fact]
    public async Task Wrong_checksum_in_a_raw_header_is_BadDigest()
    {
        var bucket = await fixture.CreateBucketAsync("checksum-raw-bad");

        using var raw = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, SigV4Signer.EncodePath(bucket, "k"),
            body: [1, 2, 3], headers: new Dictionary<string, string> { ["x-amz-checksum-crc32"] = TestBytes.Crc32Base64([4, 5, 6]) });

        await RawS3.AssertErrorAsync(raw, HttpStatusCode.BadRequest, "BadDigest");
    }

    [Fact]
    public async Task Correct_checksum_in_a_raw_header_is_stored()
    {
        var bucket = await fixture.CreateBucketAsync("checksum-raw-ok");
        byte[] data = [1, 2, 3];

        using var raw = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, SigV4Signer.EncodePath(bucket, "k"),
            body: data, headers: new Dictionary<string, string> { ["x-amz-checksum-sha1"] = TestBytes.Sha1Base64(data) });

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(TestBytes.Sha1Base64(data), Assert.Single(raw.Headers.GetValues("x-amz-checksum-sha1")));
        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(TestBytes.Sha1Base64(data), head.ChecksumSHA1);
    }

    private static string Expected(string algorithm, byte[] data) => algorithm switch
    {
        "CRC32" => TestBytes.Crc32Base64(data),
        "CRC32C" => TestBytes.Crc32CBase64(data),
        "SHA1" => TestBytes.Sha1Base64(data),
        _ => TestBytes.Sha256Base64(data),
    };

    private static string? Value(string algorithm, string? crc32, string? crc32C, string? sha1, string? sha256) => algorithm switch
    {
        "CRC32" => crc32,
        "CRC32C" => crc32C,
        "SHA1" => sha1,
        _ => sha256,
    };
}
