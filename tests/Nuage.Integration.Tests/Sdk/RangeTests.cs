using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Range GETs: single, open-ended and suffix ranges answer 206 with Content-Range; beyond the end is 416.</summary>
public sealed class RangeTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Theory]
    [InlineData(1000, "bytes=0-0", 0, 1)]
    [InlineData(1000, "bytes=10-19", 10, 10)]
    [InlineData(1000, "bytes=990-", 990, 10)]
    [InlineData(1000, "bytes=-7", 993, 7)]
    [InlineData(1000, "bytes=900-5000", 900, 100)]
    [InlineData(1000, "bytes=-5000", 0, 1000)]
    [InlineData(400 * TestBytes.KiB, "bytes=131000-140000", 131000, 9001)]
    [InlineData(400 * TestBytes.KiB, "bytes=-100", 400 * TestBytes.KiB - 100, 100)]
    public async Task Range_get_answers_206_with_exact_bytes_and_content_range(int size, string range, int offset, int length)
    {
        var bucket = await fixture.CreateBucketAsync("range");
        var data = TestBytes.Random(size, seed: size);
        await _s3.PutBytesAsync(bucket, "k", data);

        // Sent raw: the SDK cannot express suffix or open-ended ranges, and a Range header slipped past it makes it
        // check the partial body against the whole object's MD5.
        using var get = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "k"),
            headers: new Dictionary<string, string> { ["Range"] = range });

        Assert.Equal(HttpStatusCode.PartialContent, get.StatusCode);
        Assert.Equal($"bytes {offset}-{offset + length - 1}/{size}", get.Content.Headers.ContentRange?.ToString());
        Assert.Equal(length, get.Content.Headers.ContentLength);
        Assert.Equal(TestBytes.QuotedETag(data), get.Headers.ETag?.ToString());
        Assert.Equal(data.AsSpan(offset, length).ToArray(), await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Sdk_byte_range_reads_the_middle_of_an_object()
    {
        var bucket = await fixture.CreateBucketAsync("byterange");
        var data = TestBytes.Random(2 * TestBytes.MiB, seed: 9);
        await _s3.PutBytesAsync(bucket, "k", data);

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", ByteRange = new ByteRange(1_000_000, 1_500_000) });

        Assert.Equal(data.AsSpan(1_000_000, 500_001).ToArray(), await get.ReadAllAsync());
    }

    [Theory]
    [InlineData("bytes=1000-1010")]
    [InlineData("bytes=5000-")]
    public async Task Range_starting_beyond_the_end_is_InvalidRange_416(string range)
    {
        var bucket = await fixture.CreateBucketAsync("range-416");
        await _s3.PutBytesAsync(bucket, "k", TestBytes.Random(1000, seed: 1));

        await S3Assert.FailsAsync("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable, () => RangeGetAsync(bucket, range));

        using var raw = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "k"), headers: new Dictionary<string, string> { ["Range"] = range });
        await RawS3.AssertErrorAsync(raw, HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange");
        Assert.Equal("bytes */1000", raw.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Any_range_of_an_empty_object_is_InvalidRange_416()
    {
        var bucket = await fixture.CreateBucketAsync("range-empty");
        await _s3.PutBytesAsync(bucket, "k", []);

        await S3Assert.FailsAsync("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable, () => RangeGetAsync(bucket, "bytes=0-0"));
    }

    [Theory]
    [InlineData("bytes=20-10")]
    [InlineData("items=0-5")]
    [InlineData("bytes=abc")]
    public async Task Unparseable_range_is_ignored_and_the_whole_object_returned(string range)
    {
        // RFC 9110 §14.2: a server ignores a Range header it cannot parse; S3 answers 200 with the full body.
        var bucket = await fixture.CreateBucketAsync("range-ignored");
        var data = TestBytes.Random(100, seed: 2);
        await _s3.PutBytesAsync(bucket, "k", data);

        using var get = await RangeGetAsync(bucket, range);

        Assert.Equal(HttpStatusCode.OK, get.HttpStatusCode);
        Assert.Equal(data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task Head_with_a_range_reports_the_partial_length()
    {
        var bucket = await fixture.CreateBucketAsync("range-head");
        await _s3.PutBytesAsync(bucket, "k", TestBytes.Random(1000, seed: 3));

        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", Range = "bytes=100-199" });

        Assert.Equal(HttpStatusCode.PartialContent, head.HttpStatusCode);
        Assert.Equal(100, head.ContentLength);
        Assert.Equal("bytes 100-199/1000", head.ContentRange);
    }

    private Task<GetObjectResponse> RangeGetAsync(string bucket, string range)
    {
        // ByteRange only expresses first-last; a raw header covers suffix and open-ended forms.
        return _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k" }.WithHeader("Range", range));
    }
}
