using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Nuage.Bench;

/// <summary>
/// Client-side SigV4 header signing, UNSIGNED-PAYLOAD unless a payload hash is given. Hand-written on purpose: the
/// benchmark shares two cores with the server, and a full SDK client spends measurably more CPU per request
/// (retries, pipelines, checksums), which would be charged to the server's figures. Paths are pre-encoded by the
/// caller and sent as they are. <paramref name="service"/> is the credential scope's service: s3, or iam for setup.
/// </summary>
public sealed class SigV4Signer(string accessKey, string secretKey, string region = "us-east-1", string service = "s3")
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private byte[]? _signingKey;
    private string? _signingDate;

    public void Sign(HttpRequestMessage request, string payloadHash = UnsignedPayload)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var uri = request.RequestUri!;
        var host = uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);

        var canonical = new StringBuilder(256)
            .Append(request.Method.Method).Append('\n')
            .Append(uri.AbsolutePath).Append('\n')
            .Append(CanonicalQuery(uri.Query)).Append('\n')
            .Append("host:").Append(host).Append('\n')
            .Append("x-amz-content-sha256:").Append(payloadHash).Append('\n')
            .Append("x-amz-date:").Append(amzDate).Append('\n')
            .Append('\n')
            .Append("host;x-amz-content-sha256;x-amz-date").Append('\n')
            .Append(payloadHash)
            .ToString();
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var signature = Hex(HMACSHA256.HashData(SigningKey(date), Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "AWS4-HMAC-SHA256",
            $"Credential={accessKey}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}");
    }

    private byte[] SigningKey(string date)
    {
        if (_signingKey is not null && _signingDate == date)
        {
            return _signingKey;
        }

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
        (_signingKey, _signingDate) = (key, date);
        return key;
    }

    /// <summary>Query parameters sorted by name; callers pass values already percent-encoded the SigV4 way.</summary>
    private static string CanonicalQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var pairs = query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .OrderBy(p => p[..p.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ThenBy(p => p, StringComparer.Ordinal);
        return string.Join('&', pairs);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
