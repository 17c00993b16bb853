using System.Globalization;
using System.Security.Cryptography;

namespace Nuage.Signing;

/// <summary>
/// Signs an outgoing HTTP request with AWS Signature Version 4 (header form, "Signature Calculations for the
/// Authorization Header: Transferring Payload in a Single Chunk"), for Nuage's own clients: `nuage admin` today,
/// replication between regions later. It signs host, x-amz-content-sha256 (the body's SHA-256, always sent, as S3
/// and the admin API require) and x-amz-date, and canonicalizes the path and query with the verifier's own rules,
/// so what the client signs is what the server recomputes.
/// </summary>
public sealed class SigV4RequestSigner(string accessKeyId, string secretAccessKey, string region, string service)
{
    public string AccessKeyId { get; } = accessKeyId;

    /// <summary>Adds x-amz-date, x-amz-content-sha256 and Authorization to <paramref name="request"/>, whose body is <paramref name="body"/>.</summary>
    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, DateTimeOffset now) =>
        Sign(request, Convert.ToHexStringLower(SHA256.HashData(body)), now);

    /// <summary>
    /// Signs a request whose body streams and is not hashed first (x-amz-content-sha256: UNSIGNED-PAYLOAD, "Signature
    /// Calculations for the Authorization Header"): a replication push, whose bytes the receiver checks against the
    /// source's ETag instead.
    /// </summary>
    public void SignUnsignedPayload(HttpRequestMessage request, DateTimeOffset now) => Sign(request, SigV4Constants.UnsignedPayload, now);

    private void Sign(HttpRequestMessage request, string payloadHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        const string SignedHeaders = "host;x-amz-content-sha256;x-amz-date";
        var scope = $"{date}/{region}/{service}/{SigV4Constants.Terminator}";

        var canonical = new PooledByteWriter(512);
        var stringToSign = new PooledByteWriter(256);
        try
        {
            canonical.WriteUtf8(request.Method.Method);
            canonical.Write((byte)'\n');
            CanonicalUriEncoding.WriteCanonicalPath(ref canonical, uri.AbsolutePath);
            canonical.Write((byte)'\n');
            CanonicalUriEncoding.WriteCanonicalQuery(ref canonical, uri.Query.TrimStart('?'), excludeSignature: false);
            canonical.WriteUtf8($"\nhost:{uri.Authority}\nx-amz-content-sha256:{payloadHash}\nx-amz-date:{amzDate}\n\n{SignedHeaders}\n{payloadHash}");

            stringToSign.WriteUtf8($"{SigV4Constants.Algorithm}\n{amzDate}\n{scope}\n");
            stringToSign.WriteHexLower(SHA256.HashData(canonical.Written));
            var key = SigningKeyCache.Derive(secretAccessKey, date, region, service);
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, stringToSign.Written));

            request.Headers.Host = uri.Authority;
            request.Headers.TryAddWithoutValidation(SigV4Constants.DateHeader, amzDate);
            request.Headers.TryAddWithoutValidation(SigV4Constants.ContentSha256Header, payloadHash);
            request.Headers.TryAddWithoutValidation(
                "Authorization", $"{SigV4Constants.Algorithm} Credential={AccessKeyId}/{scope}, SignedHeaders={SignedHeaders}, Signature={signature}");
        }
        finally
        {
            canonical.Dispose();
            stringToSign.Dispose();
        }
    }
}
