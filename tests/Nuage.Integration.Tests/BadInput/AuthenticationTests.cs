using System.Net;
using System.Security.Cryptography;
using System.Text;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Issue 3 "Bad input" and "Auth": missing, malformed or forged Authorization headers and presigned URLs are
/// refused with AWS's codes (AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed) and
/// nothing is written.
/// No answer is a 500 or shows a stack trace, and the server keeps serving after each test.
/// </summary>
public sealed class AuthenticationTests(NuageServerFixture fixture) : BadInputTestBase(fixture)
{
    [Fact]
    public async Task No_authorization_is_AccessDenied_and_writes_nothing()
    {
        var bucket = await Fixture.CreateBucketAsync("auth-anonymous");
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put })
        {
            using var request = Http.CreateUnsigned(method, SigV4Signer.EncodePath(bucket, "key"));
            if (method == HttpMethod.Put)
            {
                request.Content = new ByteArrayContent("anonymous"u8.ToArray());
            }

            using var response = await Http.SendUnsignedAsync(request);
            BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), 403, "AccessDenied");
        }

        Assert.Empty(await Http.ListAllAsync(bucket));
    }

    [Theory]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("AWS4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA256 ")]
    [InlineData("AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=")]
    [InlineData("AWS4-HMAC-SHA256 Credential=NUAGETESTACCESSKEY01, SignedHeaders=host, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=NUAGETESTACCESSKEY01/2025/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=NUAGETESTACCESSKEY01/20250101/us-east-1/s3/aws4_request SignedHeaders=host Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=0123456789abcdef")]
    [InlineData("AWS4-HMAC-SHA256 Credential=NUAGETESTACCESSKEY01/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=zz")]
    [InlineData("AWS NUAGETESTACCESSKEY01:c2lnbmF0dXJl")]
    [InlineData("AWS4-HMAC-SHA512 Credential=NUAGETESTACCESSKEY01/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")]
    public async Task Malformed_authorization_header_is_400_or_403_with_an_S3_error(string authorization)
    {
        using var request = Http.CreateUnsigned(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("x-amz-date", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", SigV4Signer.EmptyPayloadHash);
        using var response = await Http.SendUnsignedAsync(request);
        BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), [400, 403]);
    }

    [Fact]
    public async Task Authorization_header_with_non_ascii_or_huge_value_is_refused_cleanly()
    {
        var nonAscii = Encoding.UTF8.GetBytes("GET / HTTP/1.1\r\nHost: " + Fixture.Endpoint.Authority
            + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=\u00e9\u00e8/\u2603, SignedHeaders=host, Signature=00\r\n\r\n");
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, nonAscii, default);
        Assert.True(response is not null, "No answer to an Authorization header with non-ASCII bytes.");
        BadInputAssert.NoInternalError(response);
        Assert.True(response.Status is 400 or 403, "Non-ASCII Authorization header:\n" + response);

        var huge = RawHttp.Head("GET", "/", Fixture.Endpoint, [new("Authorization", "AWS4-HMAC-SHA256 Credential=" + new string('A', 16 * 1024))]);
        response = await RawHttp.ExchangeAsync(Fixture.Endpoint, huge, default);
        Assert.True(response is not null, "No answer to a 16 KiB Authorization header.");
        BadInputAssert.NoInternalError(response);
        Assert.True(response.Status is 400 or 403 or 431, "16 KiB Authorization header:\n" + response);
    }

    [Fact]
    public async Task Unknown_access_key_is_InvalidAccessKeyId()
    {
        using var stranger = new SignedHttpClient(Fixture.Endpoint, new SigV4Signer("AKIDNOSUCHKEY0000000", "whatever-secret"));
        var response = await BadInputAssert.SendAsync(stranger, stranger.Create(HttpMethod.Get, "/"));
        BadInputAssert.S3Error(response, 403, "InvalidAccessKeyId");
    }

    [Fact]
    public async Task Wrong_secret_is_SignatureDoesNotMatch_and_writes_nothing()
    {
        var bucket = await Fixture.CreateBucketAsync("auth-wrong-secret");
        using var impostor = new SignedHttpClient(Fixture.Endpoint, new SigV4Signer(NuageProcess.AccessKey, "not-the-secret"));
        var response = await BadInputAssert.SendAsync(impostor,
            impostor.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, "forged"), body: "forged"u8.ToArray()));
        BadInputAssert.S3Error(response, 403, "SignatureDoesNotMatch");
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(bucket, "forged"));
    }

    [Fact]
    public async Task Body_that_does_not_match_its_signed_hash_is_refused_and_writes_nothing()
    {
        var bucket = await Fixture.CreateBucketAsync("auth-body-hash");
        var response = await BadInputAssert.SendAsync(Http, Http.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, "tampered"),
            body: "the body sent"u8.ToArray(), payloadHash: SigV4Signer.Hex(SHA256.HashData("the body signed"u8))));
        BadInputAssert.S3Error(response, [400, 403], "XAmzContentSHA256Mismatch", "SignatureDoesNotMatch", "BadDigest");
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(bucket, "tampered"));
    }

    [Fact]
    public async Task Clock_skew_over_fifteen_minutes_is_RequestTimeTooSkewed()
    {
        // Signed correctly, but an hour in the past.
        var headers = new Dictionary<string, string> { ["host"] = Fixture.Endpoint.Authority };
        var signature = Http.Signer.Sign("GET", "/", [], headers, SigV4Signer.EmptyPayloadHash, DateTime.UtcNow.AddHours(-1));
        using var skewed = Http.CreateUnsigned(HttpMethod.Get, "/");
        skewed.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        skewed.Headers.TryAddWithoutValidation("x-amz-date", headers["x-amz-date"]);
        skewed.Headers.TryAddWithoutValidation("x-amz-content-sha256", headers["x-amz-content-sha256"]);
        using var response = await Http.SendUnsignedAsync(skewed);
        BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), 403, "RequestTimeTooSkewed");
    }

    [Fact]
    public async Task Presigned_url_expired_or_malformed_is_refused()
    {
        var bucket = await Fixture.CreateBucketAsync("presign-bad");
        await Http.PutObjectAsync(bucket, "obj", "secret bytes"u8.ToArray());
        var path = SigV4Signer.EncodePath(bucket, "obj");

        var fresh = Http.Signer.Presign("GET", path, Fixture.Endpoint.Authority, 300, DateTime.UtcNow);
        using (var ok = Http.CreateUnsigned(HttpMethod.Get, path + "?" + QueryText(fresh)))
        using (var response = await Http.SendUnsignedAsync(ok))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("secret bytes", await response.Content.ReadAsStringAsync());
        }

        var expired = Http.Signer.Presign("GET", path, Fixture.Endpoint.Authority, 60, DateTime.UtcNow.AddMinutes(-10));
        using (var request = Http.CreateUnsigned(HttpMethod.Get, path + "?" + QueryText(expired)))
        using (var response = await Http.SendUnsignedAsync(request))
        {
            BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), 403, "AccessDenied");
        }

        var mangled = fresh.Select(p => p.Name == "X-Amz-Credential" ? (p.Name, "garbage") : p).ToList();
        var noSignature = fresh.Where(p => p.Name != "X-Amz-Signature").ToList();
        var badExpires = fresh.Select(p => p.Name == "X-Amz-Expires" ? (p.Name, "-5") : p).ToList();
        var hugeExpires = fresh.Select(p => p.Name == "X-Amz-Expires" ? (p.Name, "99999999999999999999") : p).ToList();
        foreach (var query in new[] { mangled, noSignature, badExpires, hugeExpires })
        {
            using var request = Http.CreateUnsigned(HttpMethod.Get, path + "?" + QueryText(query));
            using var response = await Http.SendUnsignedAsync(request);
            BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), [400, 403]);
        }
    }

    private static string QueryText(IEnumerable<(string Name, string Value)> query) =>
        string.Join('&', query.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
}
