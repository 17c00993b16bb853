using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// Builds aws-chunked PUT requests by hand ("Signature Calculations for the Authorization Header: Transferring
/// Payload in Multiple Chunks" and "... Including Trailing Headers", S3 API reference), so a test can send a chunk
/// signature or a trailing checksum that is wrong on purpose.
/// </summary>
internal static class AwsChunkedBody
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>STREAMING-AWS4-HMAC-SHA256-PAYLOAD: every chunk signed, chaining from the seed signature.</summary>
    public static HttpRequestMessage SignedChunks(
        Uri endpoint, string encodedPath, SigningKey key, IReadOnlyList<byte[]> chunks, int? corruptSignatureOfChunk = null)
    {
        var decodedLength = chunks.Sum(c => c.Length);
        var headers = new Dictionary<string, string>
        {
            ["content-encoding"] = "aws-chunked",
            ["x-amz-decoded-content-length"] = decodedLength.ToString(CultureInfo.InvariantCulture),
        };
        var time = DateTime.UtcNow;
        var request = SigV4TestSigner.CreateSigned(endpoint, HttpMethod.Put, encodedPath, key, headers: headers,
            signedAt: time, payloadHash: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        var authorization = request.Headers.GetValues("Authorization").Single();
        var previous = authorization[(authorization.LastIndexOf('=') + 1)..];
        var amzDate = time.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = time.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "/" + key.Region + "/s3/aws4_request";
        var signingKey = SigningKeyBytes(key, time);

        using var body = new MemoryStream();
        var all = chunks.Append([]).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n" + EmptySha256 + "\n"
                + Convert.ToHexStringLower(SHA256.HashData(all[i]));
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
            previous = signature;
            var sent = i == corruptSignatureOfChunk ? (signature[0] == '0' ? "1" : "0") + signature[1..] : signature;
            body.Write(Encoding.ASCII.GetBytes(all[i].Length.ToString("x", CultureInfo.InvariantCulture) + ";chunk-signature=" + sent + "\r\n"));
            body.Write(all[i]);
            body.Write("\r\n"u8);
        }

        ReplaceContent(request, body.ToArray(), headers);
        return request;
    }

    /// <summary>STREAMING-UNSIGNED-PAYLOAD-TRAILER with one trailing x-amz-checksum-* header.</summary>
    public static HttpRequestMessage UnsignedWithTrailer(
        Uri endpoint, string encodedPath, SigningKey key, byte[] data, string trailerName, string trailerValue)
    {
        var headers = new Dictionary<string, string>
        {
            ["content-encoding"] = "aws-chunked",
            ["x-amz-decoded-content-length"] = data.Length.ToString(CultureInfo.InvariantCulture),
            ["x-amz-trailer"] = trailerName,
        };
        var request = SigV4TestSigner.CreateSigned(endpoint, HttpMethod.Put, encodedPath, key, headers: headers,
            payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        using var body = new MemoryStream();
        if (data.Length > 0)
        {
            body.Write(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            body.Write(data);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.ASCII.GetBytes("0\r\n" + trailerName + ":" + trailerValue + "\r\n\r\n"));
        ReplaceContent(request, body.ToArray(), headers);
        return request;
    }

    private static void ReplaceContent(HttpRequestMessage request, byte[] body, Dictionary<string, string> headers)
    {
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", headers["content-encoding"]);
    }

    private static byte[] SigningKeyBytes(SigningKey key, DateTime time)
    {
        var k = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + key.SecretKey), Encoding.UTF8.GetBytes(time.ToString("yyyyMMdd", CultureInfo.InvariantCulture)));
        k = HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(key.Region));
        k = HMACSHA256.HashData(k, "s3"u8.ToArray());
        return HMACSHA256.HashData(k, "aws4_request"u8.ToArray());
    }
}
