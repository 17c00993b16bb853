using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nuage.Testing;

/// <summary>
/// A small, independent AWS Signature Version 4 signer for the requests the SDKs refuse or cannot be made to send:
/// raw sockets, odd keys, truncated bodies, parts out of order, a chosen Host header, a clock that is off, a
/// presigned URL that has already expired, a chunk signature that is wrong on purpose. Written from the S3 API
/// reference ("Signature Calculations for the Authorization Header", "Authenticating Requests: Using Query
/// Parameters", "Signature Calculations for the Payload in Multiple Chunks"), not from the server's code, so that
/// a test does not share a mistake with what it tests. The canonical URI is the path as sent, which must already be
/// encoded with <see cref="EncodePath"/> (S3 neither normalises nor double-encodes it).
/// </summary>
/// <remarks><c>service</c> is the credential scope's service: "s3", or "nuage-admin" for the console port's admin API.</remarks>
public sealed class SigV4Signer(string accessKey, string secretKey, string region = "us-east-1", string service = "s3")
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public static readonly string EmptyPayloadHash = Hex(SHA256.HashData([]));

    /// <summary>The path is sent exactly as signed: no dot-segment collapsing, no re-encoding.</summary>
    private static readonly UriCreationOptions RawPath = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>Signs as the test server's root user (<see cref="NuageProcess.AccessKey"/>).</summary>
    public static SigV4Signer Root { get; } = new(NuageProcess.AccessKey, NuageProcess.SecretKey);

    public string AccessKey { get; } = accessKey;

    /// <summary>
    /// Signs a request. <paramref name="headers"/> must hold every header to sign, including host; x-amz-date and
    /// x-amz-content-sha256 are added to it here.
    /// </summary>
    public SigV4Signature Sign(
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
        var scope = $"{date}/{region}/{service}/aws4_request";
        var signingKey = SigningKey(date);
        var signature = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(StringToSign(amzDate, scope, canonicalRequest))));
        var authorization = $"{Algorithm} Credential={AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(authorization, amzDate, scope, signature, signingKey);
    }

    /// <summary>
    /// A signed request for HttpClient: <paramref name="headers"/> are signed and sent (content-* ones on the
    /// content); the payload hash is the body's SHA-256 unless <paramref name="payloadHash"/> says otherwise; a PUT
    /// or POST always carries a body, empty when none is given. <paramref name="host"/> replaces the endpoint's
    /// authority in the Host header signed and sent (virtual-host addressing while connecting to 127.0.0.1).
    /// </summary>
    public HttpRequestMessage CreateRequest(
        Uri endpoint, HttpMethod method, string encodedPath, IReadOnlyList<(string Name, string Value)>? query = null,
        byte[]? body = null, IReadOnlyDictionary<string, string>? headers = null, string? host = null,
        DateTime? signedAt = null, string? payloadHash = null)
    {
        query ??= [];
        var signed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            signed[name] = value;
        }

        signed["host"] = host ?? endpoint.Authority;
        var signature = Sign(method.Method, encodedPath, query, signed, payloadHash ?? Hex(SHA256.HashData(body ?? [])), signedAt);
        if (body is null && (method == HttpMethod.Put || method == HttpMethod.Post))
        {
            body = [];
        }

        return BuildRequest(endpoint, method, encodedPath, query, signed, signature, body);
    }

    /// <summary>
    /// The HttpClient request for a <paramref name="signature"/> made by <see cref="Sign"/> over
    /// <paramref name="headers"/> (host, x-amz-date and x-amz-content-sha256 among them): each header is sent as
    /// signed, content-* ones on the content, and the Authorization header is added.
    /// </summary>
    public static HttpRequestMessage BuildRequest(
        Uri endpoint, HttpMethod method, string encodedPath, IReadOnlyList<(string Name, string Value)> query,
        IEnumerable<KeyValuePair<string, string>> headers, SigV4Signature signature, byte[]? body)
    {
        var request = new HttpRequestMessage(method, Url(endpoint, encodedPath, CanonicalQuery(query)));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else if (name.StartsWith("content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return request;
    }

    /// <summary>
    /// A presigned URL's query ("Authenticating Requests: Using Query Parameters"): only host is signed and the
    /// payload is UNSIGNED-PAYLOAD. Returns the full query, X-Amz-Signature last.
    /// </summary>
    public List<(string Name, string Value)> Presign(
        string method, string encodedPath, string host, int expiresSeconds, DateTime signedAt, IReadOnlyList<(string Name, string Value)>? extra = null)
    {
        var amzDate = signedAt.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        var query = new List<(string Name, string Value)>(extra ?? [])
        {
            ("X-Amz-Algorithm", Algorithm),
            ("X-Amz-Credential", $"{AccessKey}/{scope}"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", expiresSeconds.ToString(CultureInfo.InvariantCulture)),
            ("X-Amz-SignedHeaders", "host"),
        };
        var canonicalRequest = string.Join('\n', method, encodedPath, CanonicalQuery(query), $"host:{host}\n", "host", UnsignedPayload);
        var stringToSign = StringToSign(amzDate, scope, canonicalRequest);
        query.Add(("X-Amz-Signature", Hex(HMACSHA256.HashData(SigningKey(amzDate[..8]), Encoding.UTF8.GetBytes(stringToSign)))));
        return query;
    }

    /// <summary>A presigned URL for <paramref name="method"/> on <paramref name="endpoint"/>, signed at <paramref name="signedAt"/>.</summary>
    public Uri PresignUrl(Uri endpoint, HttpMethod method, string encodedPath, TimeSpan expires, DateTime signedAt)
    {
        var query = Presign(method.Method, encodedPath, endpoint.Authority, (int)expires.TotalSeconds, signedAt);
        return Url(endpoint, encodedPath, string.Join('&', query.Select(p => UriEncode(p.Name) + "=" + UriEncode(p.Value))));
    }

    /// <summary>The signature of one aws-chunked chunk, chained from the previous one.</summary>
    public static string ChunkSignature(SigV4Signature seed, string previousSignature, ReadOnlySpan<byte> chunk)
    {
        var stringToSign = $"{Algorithm}-PAYLOAD\n{seed.AmzDate}\n{seed.Scope}\n{previousSignature}\n{EmptyPayloadHash}\n{Hex(SHA256.HashData(chunk))}";
        return Hex(HMACSHA256.HashData(seed.SigningKey, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>
    /// Frames <paramref name="data"/> as an aws-chunked body with signed chunks of <paramref name="chunkSize"/>
    /// bytes, ending with the zero-length chunk.
    /// </summary>
    public static byte[] ChunkedBody(SigV4Signature seed, ReadOnlySpan<byte> data, int chunkSize)
    {
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            chunks.Add(data[offset..Math.Min(data.Length, offset + chunkSize)].ToArray());
        }

        return ChunkedBody(seed, chunks);
    }

    /// <summary>
    /// Frames each of <paramref name="chunks"/> as one signed aws-chunked chunk, then the zero-length chunk. The
    /// chunk numbered <paramref name="corruptSignatureOfChunk"/> (from 0; the count of chunks is the final one) is
    /// sent with its signature's first digit changed, while the chain goes on from the correct signature.
    /// </summary>
    public static byte[] ChunkedBody(SigV4Signature seed, IEnumerable<byte[]> chunks, int? corruptSignatureOfChunk = null)
    {
        using var body = new MemoryStream();
        var previous = seed.Value;
        var index = 0;
        foreach (var chunk in chunks.Append([]))
        {
            previous = ChunkSignature(seed, previous, chunk);
            var sent = index++ == corruptSignatureOfChunk ? (previous[0] == '0' ? "1" : "0") + previous[1..] : previous;
            body.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x};chunk-signature={sent}\r\n"));
            body.Write(chunk);
            body.Write("\r\n"u8);
        }

        return body.ToArray();
    }

    /// <summary>Encodes a bucket/key path for the wire and the canonical URI: every byte but A-Z a-z 0-9 - _ . ~ and '/'.</summary>
    public static string EncodePath(string bucket, string? key = null) =>
        "/" + UriEncode(bucket) + (key is null ? "" : "/" + string.Join('/', key.Split('/').Select(UriEncode)));

    /// <summary>S3's URI encoding: every UTF-8 byte but the unreserved characters (A-Z a-z 0-9 - _ . ~) is %XX, upper hex.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string CanonicalQuery(IReadOnlyList<(string Name, string Value)> query) =>
        string.Join('&', query
            .Select(p => (Name: UriEncode(p.Name), Value: UriEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static Uri Url(Uri endpoint, string encodedPath, string queryText) =>
        new(endpoint.GetLeftPart(UriPartial.Authority) + encodedPath + (queryText.Length > 0 ? "?" + queryText : ""), in RawPath);

    private static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    private byte[] SigningKey(string date)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }
}
