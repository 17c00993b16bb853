using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Presigned URLs (query-string SigV4): made by the SDK, fetched by a plain HTTP client.</summary>
public sealed class PresignedUrlTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private static readonly HttpClient Http = new();

    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Presigned_get_url_returns_the_bytes()
    {
        var bucket = await fixture.CreateBucketAsync("presign-get");
        var data = TestBytes.Random(300 * TestBytes.KiB, seed: 1);
        await _s3.PutBytesAsync(bucket, "dir/file name.bin", data);

        var url = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = "dir/file name.bin", Verb = HttpVerb.GET, Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(10),
        });
        using var response = await Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(TestBytes.QuotedETag(data), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Presigned_get_url_honours_response_overrides()
    {
        var bucket = await fixture.CreateBucketAsync("presign-override");
        await _s3.PutBytesAsync(bucket, "k", [1, 2]);

        var url = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = "k", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(10),
            ResponseHeaderOverrides = new ResponseHeaderOverrides { ContentDisposition = "attachment; filename=\"k.bin\"" },
        });
        using var response = await Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"k.bin\"", response.Content.Headers.ContentDisposition?.ToString());
    }

    [Fact]
    public async Task Presigned_put_url_stores_the_body()
    {
        var bucket = await fixture.CreateBucketAsync("presign-put");
        var data = TestBytes.Random(200 * TestBytes.KiB, seed: 2);

        var url = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = "uploaded", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(10),
        });
        using var response = await Http.PutAsync(url, new ByteArrayContent(data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestBytes.QuotedETag(data), response.Headers.ETag?.ToString());
        Assert.Equal(data, await _s3.GetBytesAsync(bucket, "uploaded"));
    }

    [Fact]
    public async Task Url_presigned_by_the_test_signer_within_its_lifetime_works()
    {
        var bucket = await fixture.CreateBucketAsync("presign-own");
        await _s3.PutBytesAsync(bucket, "k", [3, 4]);

        var url = SigV4Signer.Root.PresignUrl(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "k"),
            TimeSpan.FromHours(1), DateTime.UtcNow.AddMinutes(-30));
        using var response = await Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([3, 4], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Expired_presigned_url_is_403_AccessDenied()
    {
        var bucket = await fixture.CreateBucketAsync("presign-expired");
        await _s3.PutBytesAsync(bucket, "k", [5]);

        var url = SigV4Signer.Root.PresignUrl(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "k"),
            TimeSpan.FromMinutes(5), DateTime.UtcNow.AddHours(-1));
        using var response = await Http.GetAsync(url);

        var error = await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Contains("expired", error.Element("Message")!.Value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Presigned_url_with_a_changed_signature_is_SignatureDoesNotMatch()
    {
        var bucket = await fixture.CreateBucketAsync("presign-tampered");
        await _s3.PutBytesAsync(bucket, "k", [6]);
        var url = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = "k", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(10),
        });
        var at = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        url = url[..at] + (url[at] == '0' ? '1' : '0') + url[(at + 1)..];

        using var response = await Http.GetAsync(url);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Presigned_url_for_another_key_is_SignatureDoesNotMatch()
    {
        var bucket = await fixture.CreateBucketAsync("presign-other-key");
        await _s3.PutBytesAsync(bucket, "public", [1]);
        await _s3.PutBytesAsync(bucket, "secret", [2]);
        var url = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = "public", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(10),
        });

        using var response = await Http.GetAsync(url.Replace("/public?", "/secret?", StringComparison.Ordinal));

        await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Presigned_url_valid_for_more_than_seven_days_is_AuthorizationQueryParametersError()
    {
        var bucket = await fixture.CreateBucketAsync("presign-too-long");
        await _s3.PutBytesAsync(bucket, "k", [1]);

        var url = SigV4Signer.Root.PresignUrl(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "k"),
            TimeSpan.FromSeconds(604801), DateTime.UtcNow);
        using var response = await Http.GetAsync(url);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "AuthorizationQueryParametersError");
    }
}
