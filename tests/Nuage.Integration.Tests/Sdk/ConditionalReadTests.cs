using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// Conditional GET and HEAD ("GetObject", S3 API reference; RFC 9110 §13): If-Match and If-Unmodified-Since fail
/// with 412 PreconditionFailed, If-None-Match and If-Modified-Since answer 304 Not Modified.
/// </summary>
public sealed class ConditionalReadTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task If_match_with_the_current_etag_returns_the_object()
    {
        var (bucket, etag, _) = await PutAsync("if-match");

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", EtagToMatch = etag });

        Assert.Equal(HttpStatusCode.OK, get.HttpStatusCode);
        Assert.Equal(Data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task If_match_with_another_etag_is_PreconditionFailed_412()
    {
        var (bucket, _, _) = await PutAsync("if-match-fail");

        await S3Assert.FailsAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", EtagToMatch = "\"0123456789abcdef0123456789abcdef\"" }));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.PreconditionFailed,
            () => _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", EtagToMatch = "\"0123456789abcdef0123456789abcdef\"" }));
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_is_304_Not_Modified()
    {
        var (bucket, etag, _) = await PutAsync("if-none-match");

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotModified,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", EtagToNotMatch = etag }));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotModified,
            () => _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", EtagToNotMatch = etag }));

        using var raw = await RawGetAsync(bucket, ("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, raw.StatusCode);
        Assert.Equal(etag, raw.Headers.ETag?.ToString());
        Assert.Empty(await raw.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_none_match_with_another_etag_returns_the_object()
    {
        var (bucket, _, _) = await PutAsync("if-none-match-other");

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", EtagToNotMatch = "\"0123456789abcdef0123456789abcdef\"" });

        Assert.Equal(Data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task If_modified_since_before_the_last_modification_returns_the_object()
    {
        var (bucket, _, lastModified) = await PutAsync("ims");

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", ModifiedSinceDate = lastModified.AddHours(-1) });

        Assert.Equal(Data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task If_modified_since_the_last_modification_is_304_Not_Modified()
    {
        var (bucket, _, lastModified) = await PutAsync("ims-304");

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotModified,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", ModifiedSinceDate = lastModified }));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotModified,
            () => _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", ModifiedSinceDate = lastModified }));
    }

    [Fact]
    public async Task If_unmodified_since_before_the_last_modification_is_PreconditionFailed_412()
    {
        var (bucket, _, lastModified) = await PutAsync("ius");

        await S3Assert.FailsAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", UnmodifiedSinceDate = lastModified.AddHours(-1) }));
    }

    [Fact]
    public async Task If_unmodified_since_the_last_modification_returns_the_object()
    {
        var (bucket, _, lastModified) = await PutAsync("ius-ok");

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", UnmodifiedSinceDate = lastModified });

        Assert.Equal(Data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task If_match_true_wins_over_a_false_if_unmodified_since()
    {
        // S3: "If both of the If-Match and If-Unmodified-Since headers are present ... If-Match condition evaluates
        // to true, and; If-Unmodified-Since condition evaluates to false; then, S3 returns 200 OK".
        var (bucket, etag, lastModified) = await PutAsync("match-and-ius");

        using var get = await _s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket, Key = "k", EtagToMatch = etag, UnmodifiedSinceDate = lastModified.AddHours(-1),
        });

        Assert.Equal(Data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task False_if_none_match_with_true_if_modified_since_is_304()
    {
        // S3: If-None-Match false and If-Modified-Since true -> 304 Not Modified.
        var (bucket, etag, lastModified) = await PutAsync("inm-and-ims");

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotModified,
            () => _s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket, Key = "k", EtagToNotMatch = etag, ModifiedSinceDate = lastModified.AddHours(-1),
            }));
    }

    [Fact]
    public async Task Wildcard_if_match_returns_an_existing_object()
    {
        var (bucket, _, _) = await PutAsync("if-match-star");

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", EtagToMatch = "*" });

        Assert.Equal(Data, await get.ReadAllAsync());
    }

    private static readonly byte[] Data = TestBytes.Random(321, seed: 321);

    private async Task<(string Bucket, string ETag, DateTime LastModified)> PutAsync(string purpose)
    {
        var bucket = await fixture.CreateBucketAsync(purpose);
        var put = await _s3.PutBytesAsync(bucket, "k", Data);
        var head = await _s3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal(put.ETag, head.ETag);
        return (bucket, put.ETag, DateTime.SpecifyKind(head.LastModified!.Value.ToUniversalTime(), DateTimeKind.Utc));
    }

    private Task<HttpResponseMessage> RawGetAsync(string bucket, params (string Name, string Value)[] headers) =>
        RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "k"),
            headers: headers.ToDictionary(h => h.Name, h => h.Value));
}
