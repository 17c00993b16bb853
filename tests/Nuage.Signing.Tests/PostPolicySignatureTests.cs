using System.Security.Cryptography;
using System.Text;
using Nuage.Iam;
using Xunit;

namespace Nuage.Signing.Tests;

/// <summary>Browser POST form signatures: SigV4 (hex HMAC-SHA256 of the base64 policy) and SigV2 (base64 HMAC-SHA1).</summary>
public sealed class PostPolicySignatureTests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string Credential = AccessKey + "/20151229/us-east-1/s3/aws4_request";
    private static readonly string Policy = Convert.ToBase64String("""{"expiration": "2015-12-30T12:00:00.000Z", "conditions": []}"""u8);
    private static readonly Principal Owner = new("acct", AccessKey, "user");

    private static PostPolicySignature Verifier(string? token = null) =>
        new(new StaticCredentialResolver(new AccessKeyCredential(AccessKey, Secret, Owner, token)));

    private static string V4Signature(string policy)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + Secret), "20151229"u8);
        key = HMACSHA256.HashData(key, "us-east-1"u8);
        key = HMACSHA256.HashData(key, "s3"u8);
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(policy)));
    }

    private static string V2Signature(string policy) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(policy)));

    [Fact]
    public async Task SigV4_form_signature_verifies_and_names_the_principal()
    {
        var auth = await Verifier().VerifySigV4Async(Credential, Policy, V4Signature(Policy), null, Stream.Null, CancellationToken.None);
        Assert.Equal(Owner, auth.Principal);
    }

    [Fact]
    public async Task SigV2_form_signature_verifies_and_names_the_principal()
    {
        var auth = await Verifier().VerifySigV2Async(AccessKey, Policy, V2Signature(Policy), null, Stream.Null, CancellationToken.None);
        Assert.Equal(Owner, auth.Principal);
    }

    [Fact]
    public async Task Signature_of_another_policy_does_not_match()
    {
        var other = Convert.ToBase64String("{}"u8);
        var v4 = await Assert.ThrowsAsync<SignatureException>(async () =>
            await Verifier().VerifySigV4Async(Credential, Policy, V4Signature(other), null, Stream.Null, CancellationToken.None));
        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, v4.Code);
        var v2 = await Assert.ThrowsAsync<SignatureException>(async () =>
            await Verifier().VerifySigV2Async(AccessKey, Policy, "not base64", null, Stream.Null, CancellationToken.None));
        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, v2.Code);
    }

    [Fact]
    public async Task Unknown_key_is_InvalidAccessKeyId()
    {
        var e = await Assert.ThrowsAsync<SignatureException>(async () =>
            await Verifier().VerifySigV2Async("AKIANOSUCHKEY", Policy, V2Signature(Policy), null, Stream.Null, CancellationToken.None));
        Assert.Equal(SignatureErrorCode.InvalidAccessKeyId, e.Code);
    }

    [Fact]
    public async Task Temporary_credentials_need_their_session_token()
    {
        var verifier = Verifier(token: "session-token");
        var missing = await Assert.ThrowsAsync<SignatureException>(async () =>
            await verifier.VerifySigV2Async(AccessKey, Policy, V2Signature(Policy), null, Stream.Null, CancellationToken.None));
        Assert.Equal(SignatureErrorCode.MissingSecurityToken, missing.Code);
        var wrong = await Assert.ThrowsAsync<SignatureException>(async () =>
            await verifier.VerifySigV2Async(AccessKey, Policy, V2Signature(Policy), "other", Stream.Null, CancellationToken.None));
        Assert.Equal(SignatureErrorCode.InvalidToken, wrong.Code);
        var ok = await verifier.VerifySigV2Async(AccessKey, Policy, V2Signature(Policy), "session-token", Stream.Null, CancellationToken.None);
        Assert.Equal(Owner, ok.Principal);
    }

    [Fact]
    public async Task Credential_scope_for_another_service_is_refused()
    {
        var e = await Assert.ThrowsAsync<SignatureException>(async () => await Verifier().VerifySigV4Async(
            AccessKey + "/20151229/us-east-1/iam/aws4_request", Policy, V4Signature(Policy), null, Stream.Null, CancellationToken.None));
        Assert.Equal(SignatureErrorCode.AuthorizationHeaderMalformed, e.Code);
    }
}
