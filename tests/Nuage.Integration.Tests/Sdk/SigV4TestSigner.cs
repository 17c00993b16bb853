using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Credentials and scope a raw request is signed with.</summary>
internal sealed record SigningKey(string AccessKey, string SecretKey, string Region = "us-east-1");

/// <summary>
/// A small, independent AWS Signature V4 signer for the requests the SDK cannot be made to send (parts out of
/// order, a chosen Host header, a clock that is off, a presigned URL that has already expired). Written from the
/// "Signature Version 4 signing process" and "Authenticating Requests: Using Query Parameters" pages of the S3
/// API reference, not from the server's code.
/// </summary>
internal static class SigV4TestSigner
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    public static HttpRequestMessage CreateSigned(
        Uri endpoint, HttpMethod method, string encodedPath, SigningKey key,
        IReadOnlyList<KeyValuePair<string, string>>? query = null, byte[]? body = null,
        IReadOnlyDictionary<string, string>? headers = null, string? host = null, DateTime? signedAt = null,
        string? payloadHash = null)
    {
        var time = signedAt ?? DateTime.UtcNow;
        var amzDate = time.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var hostValue = host ?? endpoint.Authority;
        payloadHash ??= Convert.ToHexStringLower(SHA256.HashData(body ?? []));
        var canonicalQuery = CanonicalQuery(query ?? []);

        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = hostValue,
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = amzDate,
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            signed[name.ToLowerInvariant()] = value.Trim();
        }

        var signedHeaders = string.Join(';', signed.Keys);
        var canonicalRequest = string.Join('\n',
            method.Method, encodedPath, canonicalQuery,
            string.Concat(signed.Select(h => h.Key + ":" + h.Value + "\n")), signedHeaders, payloadHash);
        var scope = Scope(time, key);
        var signature = Signature(key, time, StringToSign(amzDate, scope, canonicalRequest));

        var request = new HttpRequestMessage(method, BuildUri(endpoint, encodedPath, canonicalQuery));
        request.Headers.Host = hostValue;
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={key.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        if (body is not null || method == HttpMethod.Put || method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(body ?? []);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.StartsWith("content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>A presigned URL (query-string authentication) for <paramref name="method"/>, signed at <paramref name="signedAt"/>.</summary>
    public static Uri Presign(
        Uri endpoint, HttpMethod method, string encodedPath, SigningKey key, TimeSpan expires, DateTime signedAt)
    {
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = Scope(signedAt, key);
        var query = new List<KeyValuePair<string, string>>
        {
            new("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            new("X-Amz-Credential", key.AccessKey + "/" + scope),
            new("X-Amz-Date", amzDate),
            new("X-Amz-Expires", ((int)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            new("X-Amz-SignedHeaders", "host"),
        };
        var canonicalQuery = CanonicalQuery(query);
        var canonicalRequest = string.Join('\n',
            method.Method, encodedPath, canonicalQuery, "host:" + endpoint.Authority + "\n", "host", UnsignedPayload);
        var signature = Signature(key, signedAt, StringToSign(amzDate, scope, canonicalRequest));
        return BuildUri(endpoint, encodedPath, canonicalQuery + "&X-Amz-Signature=" + signature);
    }

    /// <summary>S3's URI encoding: every byte but the unreserved characters is %XX (upper hex); '/' kept in paths.</summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
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

    private static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query) =>
        string.Join('&', query
            .Select(p => (Name: UriEncode(p.Key, keepSlash: false), Value: UriEncode(p.Value, keepSlash: false)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    private static Uri BuildUri(Uri endpoint, string encodedPath, string canonicalQuery) =>
        new(endpoint.GetLeftPart(UriPartial.Authority) + encodedPath + (canonicalQuery.Length > 0 ? "?" + canonicalQuery : string.Empty));

    private static string Scope(DateTime time, SigningKey key) =>
        time.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "/" + key.Region + "/s3/aws4_request";

    private static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
        + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    private static string Signature(SigningKey key, DateTime time, string stringToSign)
    {
        var signingKey = Hmac(Encoding.UTF8.GetBytes("AWS4" + key.SecretKey), time.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        signingKey = Hmac(signingKey, key.Region);
        signingKey = Hmac(signingKey, "s3");
        signingKey = Hmac(signingKey, "aws4_request");
        return Convert.ToHexStringLower(Hmac(signingKey, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
