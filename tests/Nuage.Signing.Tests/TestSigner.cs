using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nuage.Signing.Tests;

/// <summary>
/// A deliberately plain SigV4 signer (strings and StringBuilder, no shared code with the verifier) to produce
/// requests and aws-chunked bodies the AWS examples do not cover. Callers pass the canonical URI and query.
/// </summary>
internal sealed class TestSigner(string accessKey, string secret, string region = "us-east-1", string service = "s3")
{
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public string AccessKey => accessKey;

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public string Scope(DateTimeOffset time) => $"{Date(time)[..8]}/{region}/{service}/aws4_request";

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    /// <summary>The signature of a request whose headers are given in any order (they are sorted here).</summary>
    public string Signature(string method, string canonicalUri, string canonicalQuery, IEnumerable<(string Name, string Value)> signedHeaders, string payloadHash, DateTimeOffset time, out string signedHeaderList)
    {
        var sorted = signedHeaders.Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim())).OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        signedHeaderList = string.Join(';', sorted.Select(h => h.Name));
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(canonicalUri).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in sorted)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaderList).Append('\n').Append(payloadHash);
        var stringToSign = $"AWS4-HMAC-SHA256\n{Date(time)}\n{Scope(time)}\n{Sha256Hex(canonical.ToString())}";
        return Hmac(stringToSign, time);
    }

    public string Authorization(string method, string canonicalUri, string canonicalQuery, IEnumerable<(string Name, string Value)> signedHeaders, string payloadHash, DateTimeOffset time, out string signature)
    {
        signature = Signature(method, canonicalUri, canonicalQuery, signedHeaders, payloadHash, time, out var list);
        return $"AWS4-HMAC-SHA256 Credential={accessKey}/{Scope(time)}, SignedHeaders={list}, Signature={signature}";
    }

    public string ChunkSignature(string previous, ReadOnlySpan<byte> data, DateTimeOffset time) =>
        Hmac($"AWS4-HMAC-SHA256-PAYLOAD\n{Date(time)}\n{Scope(time)}\n{previous}\n{EmptySha256}\n{Convert.ToHexStringLower(SHA256.HashData(data))}", time);

    public string TrailerSignature(string previous, string canonicalTrailers, DateTimeOffset time) =>
        Hmac($"AWS4-HMAC-SHA256-TRAILER\n{Date(time)}\n{Scope(time)}\n{previous}\n{Sha256Hex(canonicalTrailers)}", time);

    /// <summary>
    /// A STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) body framed as the AWS SDK for .NET frames it: the final
    /// chunk header is followed directly by the trailers when there are any, else by an empty line.
    /// </summary>
    public byte[] SignedChunkedBody(byte[] data, int chunkSize, string seed, DateTimeOffset time, IReadOnlyList<(string Name, string Value)>? trailers = null)
    {
        using var body = new MemoryStream();
        var previous = seed;
        for (var offset = 0; ; offset = Math.Min(offset + chunkSize, data.Length))
        {
            var length = Math.Min(chunkSize, data.Length - offset);
            var chunk = data.AsSpan(offset, length);
            previous = ChunkSignature(previous, chunk, time);
            body.Write(Encoding.ASCII.GetBytes($"{length:x};chunk-signature={previous}\r\n"));
            body.Write(chunk);
            if (length == 0)
            {
                break;
            }

            body.Write("\r\n"u8);
        }

        if (trailers is null)
        {
            body.Write("\r\n"u8);
        }
        else
        {
            var canonical = string.Concat(trailers.Select(t => $"{t.Name}:{t.Value}\n"));
            foreach (var (name, value) in trailers)
            {
                body.Write(Encoding.ASCII.GetBytes($"{name}:{value}\r\n"));
            }

            body.Write(Encoding.ASCII.GetBytes($"x-amz-trailer-signature:{TrailerSignature(previous, canonical, time)}\r\n\r\n"));
        }

        return body.ToArray();
    }

    /// <summary>A STREAMING-UNSIGNED-PAYLOAD-TRAILER body: hex-size CRLF data CRLF ... 0 CRLF trailers CRLF.</summary>
    public static byte[] UnsignedChunkedBody(byte[] data, int chunkSize, IReadOnlyList<(string Name, string Value)> trailers)
    {
        using var body = new MemoryStream();
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, data.Length - offset);
            body.Write(Encoding.ASCII.GetBytes($"{length:X}\r\n"));
            body.Write(data.AsSpan(offset, length));
            body.Write("\r\n"u8);
        }

        body.Write("0\r\n"u8);
        foreach (var (name, value) in trailers)
        {
            body.Write(Encoding.ASCII.GetBytes($"{name}:{value}\r\n"));
        }

        body.Write("\r\n"u8);
        return body.ToArray();
    }

    private string Hmac(string stringToSign, DateTimeOffset time)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(Date(time)[..8]));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }
}
