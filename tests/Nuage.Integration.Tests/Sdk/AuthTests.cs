using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Signature V4 in the Authorization header: wrong secret, unknown key, anonymous, clock skew, tampering.</summary>
public sealed class AuthTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Wrong_secret_is_SignatureDoesNotMatch()
    {
        var bucket = await fixture.CreateBucketAsync("auth-secret");
        using var client = Client(new BasicAWSCredentials(NuageProcess.AccessKey, NuageProcess.SecretKey + "x"));

        await S3Assert.FailsAsync("SignatureDoesNotMatch", HttpStatusCode.Forbidden, () => client.ListBucketsAsync());
        await S3Assert.FailsAsync("SignatureDoesNotMatch", HttpStatusCode.Forbidden, () => client.PutBytesAsync(bucket, "k", [1, 2, 3]));

        Assert.Empty(await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Unknown_access_key_is_InvalidAccessKeyId()
    {
        using var client = Client(new BasicAWSCredentials("AKIAUNKNOWNKEY000000", NuageProcess.SecretKey));

        await S3Assert.FailsAsync("InvalidAccessKeyId", HttpStatusCode.Forbidden, () => client.ListBucketsAsync());
    }

    [Fact]
    public async Task Anonymous_requests_are_AccessDenied()
    {
        var bucket = await fixture.CreateBucketAsync("auth-anon");
        await _s3.PutBytesAsync(bucket, "k", [1]);
        using var client = Client(new AnonymousAWSCredentials());

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => client.ListBucketsAsync());
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => client.GetObjectAsync(bucket, "k"));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => client.PutBytesAsync(bucket, "other", [2]));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));

        Assert.Equal(["k"], await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Raw_unsigned_request_is_AccessDenied_with_an_xml_error()
    {
        var bucket = await fixture.CreateBucketAsync("auth-raw-anon");
        await _s3.PutBytesAsync(bucket, "k", [1]);

        using var response = await RawS3.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Endpoint, SigV4Signer.EncodePath(bucket, "k"))));

        await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task Raw_request_signed_by_the_test_signer_is_accepted()
    {
        // Guards the raw tests: the independent signer must agree with the server on a plain request.
        var bucket = await fixture.CreateBucketAsync("auth-raw-ok");
        await _s3.PutBytesAsync(bucket, "dir/a b+c", [7, 8]);

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "dir/a b+c"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([7, 8], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Clock_skew_over_15_minutes_is_RequestTimeTooSkewed()
    {
        var request = SigV4Signer.Root.CreateRequest(fixture.Endpoint, HttpMethod.Get, "/", signedAt: DateTime.UtcNow.AddMinutes(-20));

        using var response = await RawS3.SendAsync(request);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "RequestTimeTooSkewed");
    }

    [Fact]
    public async Task Clock_skew_under_15_minutes_is_accepted()
    {
        var request = SigV4Signer.Root.CreateRequest(fixture.Endpoint, HttpMethod.Get, "/", signedAt: DateTime.UtcNow.AddMinutes(-10));

        using var response = await RawS3.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Changed_signed_header_is_SignatureDoesNotMatch()
    {
        var bucket = await fixture.CreateBucketAsync("auth-tamper-header");
        var request = SigV4Signer.Root.CreateRequest(fixture.Endpoint, HttpMethod.Put, SigV4Signer.EncodePath(bucket, "k"),
            body: [1, 2, 3], headers: new Dictionary<string, string> { ["x-amz-meta-role"] = "reader" });
        request.Headers.Remove("x-amz-meta-role");
        request.Headers.TryAddWithoutValidation("x-amz-meta-role", "admin");

        using var response = await RawS3.SendAsync(request);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.Empty(await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Body_that_does_not_match_x_amz_content_sha256_is_XAmzContentSHA256Mismatch()
    {
        var bucket = await fixture.CreateBucketAsync("auth-tamper-body");
        var request = SigV4Signer.Root.CreateRequest(fixture.Endpoint, HttpMethod.Put, SigV4Signer.EncodePath(bucket, "k"), body: [1, 2, 3]);
        request.Content = new ByteArrayContent([6, 6, 6]);

        using var response = await RawS3.SendAsync(request);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "XAmzContentSHA256Mismatch");
        Assert.Empty(await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Malformed_credential_is_AuthorizationHeaderMalformed()
    {
        var request = SigV4Signer.Root.CreateRequest(fixture.Endpoint, HttpMethod.Get, "/");
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={NuageProcess.AccessKey}/garbage, SignedHeaders=host;x-amz-date, Signature=00");

        using var response = await RawS3.SendAsync(request);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "AuthorizationHeaderMalformed");
    }

    [Fact]
    public async Task Unsigned_payload_is_accepted_with_a_signed_header()
    {
        var bucket = await fixture.CreateBucketAsync("auth-unsigned-payload");
        var request = SigV4Signer.Root.CreateRequest(fixture.Endpoint, HttpMethod.Put, SigV4Signer.EncodePath(bucket, "k"),
            body: [4, 5], payloadHash: SigV4Signer.UnsignedPayload);

        using var response = await RawS3.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([4, 5], await _s3.GetBytesAsync(bucket, "k"));
    }

    private AmazonS3Client Client(AWSCredentials credentials) => new(credentials, new AmazonS3Config
    {
        ServiceURL = fixture.Endpoint.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });
}
