using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// A small AWS Signature Version 4 signer for requests the SDKs refuse to build (raw sockets, odd keys, truncated
/// bodies): "Signature Calculations for the Authorization Header" and "Signature Calculations for the Payload in
/// Multiple Chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)" of the S3 API reference. The canonical URI is the path as
/// sent, which must already be encoded with <see cref="EncodePath"/> (S3 neither normalises nor double-encodes it).
/// </summary>
public sealed class SigV4Signer(string accessKey, string secretKey, string region = "us-east-1")
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public static readonly string EmptyPayloadHash = Hex(SHA256.HashData([]));

    public string AccessKey { get; } = accessKey;

    /// <summary>The headers to add and the seed signature (the first "previous signature" of a chunked body).</summary>
    public sealed record Signature(string Authorization, string AmzDate, string Scope, string Value, byte[] SigningKey);

    /// <summary>
    /// Signs a request. <paramref name="headers"/> must hold every header to sign, including host; x-amz-date and
    /// x-amz-content-sha256 are added to it here.
    /// </summary>
    public Signature Sign(
        string method, string encodedPath, IReadOnlyList<(string Name, string Value)> query,
        IDictionary<string, string> headers, string payloadHash, DateTime? now = null)
    {
        var time = (now ?? DateTime.UtcNow).ToUniversalTime();
        var amzDate = time.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        headers["x-amz-date"] = amzDate;
        headers["x-amz-content-sha256"] = payloadHash;

        var sorted = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', sorted.Select(h => h.Name));
        var canonicalRequest = string.Join('\n',
            method,
            encodedPath,
            CanonicalQuery(query),
            string.Concat(sorted.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            payloadHash);
        var scope = $"{date}/{region}/s3/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var signingKey = SigningKey(date);
        var signature = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new Signature(authorization, amzDate, scope, signature, signingKey);
    }

    /// <summary>
    /// A presigned URL's query ("Authenticating Requests: Using Query Parameters"): only host is signed and the
    /// payload is UNSIGNED-PAYLOAD. Returns the full query, X-Amz-Signature last.
    /// </summary>
    public List<(string Name, string Value)> Presign(
        string method, string encodedPath, string host, int expiresSeconds, DateTime signedAt, IReadOnlyList<(string Name, string Value)>? extra = null)
    {
        var amzDate = signedAt.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{amzDate[..8]}/{region}/s3/aws4_request";
        var query = new List<(string Name, string Value)>(extra ?? [])
        {
            ("X-Amz-Algorithm", Algorithm),
            ("X-Amz-Credential", $"{AccessKey}/{scope}"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", expiresSeconds.ToString(CultureInfo.InvariantCulture)),
            ("X-Amz-SignedHeaders", "host"),
        };
        var canonicalRequest = string.Join('\n', method, encodedPath, CanonicalQuery(query), $"host:{host}\n", "host", UnsignedPayload);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        query.Add(("X-Amz-Signature", Hex(HMACSHA256.HashData(SigningKey(amzDate[..8]), Encoding.UTF8.GetBytes(stringToSign)))));
        return query;
    }

    /// <summary>The signature of one aws-chunked chunk, chained from the previous one.</summary>
    public static string ChunkSignature(Signature seed, string previousSignature, ReadOnlySpan<byte> chunk)
    {
        var stringToSign = $"{Algorithm}-PAYLOAD\n{seed.AmzDate}\n{seed.Scope}\n{previousSignature}\n{EmptyPayloadHash}\n{Hex(SHA256.HashData(chunk))}";
        return Hex(HMACSHA256.HashData(seed.SigningKey, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>
    /// Frames <paramref name="data"/> as an aws-chunked body with signed chunks of <paramref name="chunkSize"/>
    /// bytes, ending with the zero-length chunk.
    /// </summary>
    public static byte[] ChunkedBody(Signature seed, ReadOnlySpan<byte> data, int chunkSize)
    {
        using var body = new MemoryStream();
        var previous = seed.Value;
        for (var offset = 0; ; offset += chunkSize)
        {
            var chunk = data[Math.Min(offset, data.Length)..Math.Min(data.Length, offset + chunkSize)];
            previous = ChunkSignature(seed, previous, chunk);
            body.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x};chunk-signature={previous}\r\n"));
            body.Write(chunk);
            body.Write("\r\n"u8);
            if (chunk.Length == 0)
            {
                return body.ToArray();
            }
        }
    }

    /// <summary>Encodes a bucket/key path for the wire and the canonical URI: every byte but A-Z a-z 0-9 - _ . ~ and '/'.</summary>
    public static string EncodePath(string bucket, string? key = null) =>
        "/" + Uri.EscapeDataString(bucket) + (key is null ? "" : "/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString)));

    public static string CanonicalQuery(IReadOnlyList<(string Name, string Value)> query) =>
        string.Join('&', query
            .Select(p => (Name: Uri.EscapeDataString(p.Name), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private byte[] SigningKey(string date)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, "s3"u8.ToArray());
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }
}
