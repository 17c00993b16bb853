using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Nuage.Iam;

namespace Nuage.Signing;

/// <summary>
/// Verifies the signature of a browser POST form ("Browser-based uploads using POST"): the form, not the request,
/// carries the credential, and what is signed is the base64 policy exactly as sent. Signature Version 4:
/// x-amz-signature = hex(HMAC-SHA256(signing key of the x-amz-credential scope, policy)); Signature Version 2:
/// signature = base64(HMAC-SHA1(secret, policy)). Throws <see cref="SignatureException"/> (InvalidAccessKeyId,
/// SignatureDoesNotMatch, InvalidToken, MissingSecurityToken, ExpiredToken, AuthorizationHeaderMalformed).
/// </summary>
public sealed class PostPolicySignature(ICredentialResolver credentials)
{
    public const string SigV4Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Signature Version 4: returns the principal of the x-amz-credential key when the signature matches.</summary>
    /// <param name="credential">x-amz-credential: "AK/yyyymmdd/region/s3/aws4_request".</param>
    public async ValueTask<AuthenticatedRequest> VerifySigV4Async(
        string credential, string policy, string signature, string? sessionToken, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signature);
        CredentialScope.Parse(credential.AsMemory(), presigned: false, out var accessKeyId, out _, out _, out var date, out var region, out var service);
        if (!service.Span.SequenceEqual("s3"))
        {
            throw SignatureErrors.WrongService(false, service.ToString(), "s3");
        }

        var key = accessKeyId.ToString();
        var found = await Resolve(key, sessionToken, cancellationToken).ConfigureAwait(false);
        var signingKey = SigningKeyCache.Derive(found.SecretAccessKey, date.Span, region.Span, service.Span);
        if (!SigV4Matches(signingKey, policy, signature))
        {
            throw new SignatureException(SignatureErrorCode.SignatureDoesNotMatch);
        }

        return new AuthenticatedRequest(found.Principal, body, null, null);
    }

    /// <summary>Signature Version 2: returns the principal of <paramref name="accessKeyId"/> when the signature matches.</summary>
    public async ValueTask<AuthenticatedRequest> VerifySigV2Async(
        string accessKeyId, string policy, string signature, string? sessionToken, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signature);
        var found = await Resolve(accessKeyId, sessionToken, cancellationToken).ConfigureAwait(false);
        if (!SigV2Matches(found.SecretAccessKey, policy, signature))
        {
            throw new SignatureException(SignatureErrorCode.SignatureDoesNotMatch);
        }

        return new AuthenticatedRequest(found.Principal, body, null, null);
    }

    /// <summary>A form that carries no credential: anonymous, its file part as the body.</summary>
    public static AuthenticatedRequest Unsigned(Stream body) => new(null, body, null, null);

    /// <summary>hex(HMAC-SHA256(signing key, policy)) compared in constant time.</summary>
    public static bool SigV4Matches(byte[] signingKey, string policy, string signature)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signature);
        Span<byte> computed = stackalloc byte[32];
        HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(policy), computed);
        Span<byte> provided = stackalloc byte[32];
        var hex = signature.AsSpan().Trim();
        return hex.Length == 64 && Hex.TryDecode(hex, provided) && CryptographicOperations.FixedTimeEquals(computed, provided);
    }

    /// <summary>base64(HMAC-SHA1(secret, policy)) compared in constant time.</summary>
    public static bool SigV2Matches(string secret, string policy, string signature)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signature);
        Span<byte> computed = stackalloc byte[20];
        HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(policy), computed);
        Span<byte> provided = stackalloc byte[20];
        return Convert.TryFromBase64String(signature.Trim(), provided, out var written) && written == 20
            && CryptographicOperations.FixedTimeEquals(computed, provided);
    }

    /// <summary>The SigV4 signing key for a date, region and service (for clients and tests that sign policies).</summary>
    public static byte[] SigningKey(string secret, string date, string region, string service) =>
        SigningKeyCache.Derive(secret, date, region, service);

    private async ValueTask<AccessKeyCredential> Resolve(string accessKeyId, string? sessionToken, CancellationToken cancellationToken)
    {
        var lookup = await credentials.FindAsync(accessKeyId, sessionToken, cancellationToken).ConfigureAwait(false);
        var credential = lookup.Credential ?? throw SignatureErrors.LookupFailed(lookup.Failure, accessKeyId);
        if (credential.SessionToken is { } expected)
        {
            if (sessionToken is null)
            {
                throw new SignatureException(
                    SignatureErrorCode.MissingSecurityToken,
                    "The form is signed with temporary credentials and must carry their session token (x-amz-security-token).");
            }

            if (!CryptographicOperations.FixedTimeEquals(
                MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(sessionToken.AsSpan())))
            {
                throw new SignatureException(SignatureErrorCode.InvalidToken);
            }
        }

        return credential;
    }
}
