using Microsoft.AspNetCore.Http;
using Nuage.Iam;

namespace Nuage.Signing.Tests;

/// <summary>Temporary credentials: a request signed with one must carry its session token, signed, and the same one.</summary>
public sealed class SessionTokenTests
{
    private const string Token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private const string EmptySha = TestSigner.EmptySha256;

    [Fact]
    public void Header_signed_request_with_the_token_verifies()
    {
        Assert.Equal(AwsExamples.Principal, Authenticator().Authenticate(HeaderSigned(Token)).Principal);
    }

    [Fact]
    public void Header_signed_request_without_the_token_is_MissingSecurityToken()
    {
        Assert.Equal(SignatureErrorCode.MissingSecurityToken, Fail(HeaderSigned(token: null)).Code);
    }

    [Fact]
    public void Header_signed_request_with_another_token_is_InvalidToken()
    {
        Assert.Equal(SignatureErrorCode.InvalidToken, Fail(HeaderSigned(Token + "x")).Code);
    }

    [Fact]
    public void Unsigned_token_header_is_refused_as_an_unsigned_amz_header()
    {
        var error = Fail(HeaderSigned(Token, signToken: false));

        Assert.Equal(SignatureErrorCode.AccessDenied, error.Code);
        Assert.Contains(error.Details, d => d.Key == "HeadersNotSigned" && d.Value == "x-amz-security-token");
    }

    [Fact]
    public void Presigned_url_with_the_token_verifies()
    {
        Assert.Equal(AwsExamples.Principal, Authenticator().Authenticate(Presigned(Token)).Principal);
    }

    [Fact]
    public void Presigned_url_without_the_token_is_MissingSecurityToken()
    {
        Assert.Equal(SignatureErrorCode.MissingSecurityToken, Fail(Presigned(token: null)).Code);
    }

    [Fact]
    public void Presigned_url_with_another_token_is_InvalidToken()
    {
        Assert.Equal(SignatureErrorCode.InvalidToken, Fail(Presigned("other")).Code);
    }

    [Fact]
    public void Long_term_key_ignores_a_token()
    {
        // Before session tokens existed a token was never looked at; a client that sends a stale one still works.
        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator().Authenticate(HeaderSigned(Token)).Principal);
    }

    [Theory]
    [InlineData(Token, null)]
    [InlineData(null, SignatureErrorCode.MissingSecurityToken)]
    [InlineData("other", SignatureErrorCode.InvalidToken)]
    public void SigV2_header_carries_the_token_among_its_amz_headers(string? token, SignatureErrorCode? expected)
    {
        const string date = "Tue, 27 Mar 2007 19:36:42 +0000";
        var amz = token is null ? string.Empty : "x-amz-security-token:" + token + "\n";
        List<(string Name, string Value)> headers =
        [
            ("Host", "johnsmith.s3.amazonaws.com"),
            ("Date", date),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + SigV2Examples.Sign("GET\n\n\n" + date + "\n" + amz + "/johnsmith/photos/puppy.jpg")),
        ];
        if (token is not null)
        {
            headers.Add(("x-amz-security-token", token));
        }

        var verifier = new SigV2Verifier(TemporaryCredentials(), new FixedTimeProvider(SigV2Examples.At(date)));
        var request = TestRequests.Create("GET", "/photos/puppy.jpg", headers);
        if (expected is null)
        {
            Assert.Equal(AwsExamples.Principal, verifier.Authenticate(request, presigned: false, "johnsmith").Principal);
        }
        else
        {
            Assert.Equal(expected, Assert.Throws<SignatureException>(() => verifier.Authenticate(request, presigned: false, "johnsmith")).Code);
        }
    }

    private static StaticCredentialResolver TemporaryCredentials() =>
        new(new AccessKeyCredential(AwsExamples.AccessKey, AwsExamples.Secret, AwsExamples.Principal, Token));

    private static SigV4Authenticator Authenticator() => new(TemporaryCredentials(), new FixedTimeProvider(AwsExamples.Time), "s3");

    private static SignatureException Fail(HttpRequest request) => Assert.Throws<SignatureException>(() => Authenticator().Authenticate(request));

    private static HttpRequest HeaderSigned(string? token, bool signToken = true)
    {
        List<(string Name, string Value)> signed = [("host", "s3.local"), ("x-amz-date", AwsExamples.AmzDate), ("x-amz-content-sha256", EmptySha)];
        if (token is not null && signToken)
        {
            signed.Add(("x-amz-security-token", token));
        }

        var authorization = AwsExamples.Signer.Authorization("GET", "/b/k", string.Empty, signed, EmptySha, AwsExamples.Time, out _);
        List<(string Name, string Value)> headers = [.. signed, ("Authorization", authorization)];
        if (token is not null && !signToken)
        {
            headers.Add(("x-amz-security-token", token));
        }

        return TestRequests.Create("GET", "/b/k", headers);
    }

    private static HttpRequest Presigned(string? token)
    {
        // Parameters in canonical (sorted) order, so the same string is the canonical query and the request's.
        var query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + Uri.EscapeDataString(AwsExamples.Credential)
            + "&X-Amz-Date=" + AwsExamples.AmzDate + "&X-Amz-Expires=60"
            + (token is null ? string.Empty : "&X-Amz-Security-Token=" + token)
            + "&X-Amz-SignedHeaders=host";
        var signature = AwsExamples.Signer.Signature("GET", "/b/k", query, [("host", "s3.local")], "UNSIGNED-PAYLOAD", AwsExamples.Time, out _);
        return TestRequests.Create("GET", "/b/k?" + query + "&X-Amz-Signature=" + signature, [("Host", "s3.local")]);
    }
}
