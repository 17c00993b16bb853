using System.Globalization;
using System.Text;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// Builds aws-chunked PUT requests by hand ("Signature Calculations for the Authorization Header: Transferring
/// Payload in Multiple Chunks" and "... Including Trailing Headers", S3 API reference), so a test can send a chunk
/// signature or a trailing checksum that is wrong on purpose.
/// </summary>
internal static class AwsChunkedBody
{
    /// <summary>STREAMING-AWS4-HMAC-SHA256-PAYLOAD: every chunk signed, chaining from the seed signature.</summary>
    public static HttpRequestMessage SignedChunks(
        Uri endpoint, string encodedPath, SigV4Signer signer, IReadOnlyList<byte[]> chunks, int? corruptSignatureOfChunk = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = endpoint.Authority,
            ["content-encoding"] = "aws-chunked",
            ["x-amz-decoded-content-length"] = chunks.Sum(c => c.Length).ToString(CultureInfo.InvariantCulture),
        };
        var seed = signer.Sign("PUT", encodedPath, [], headers, SigV4Signer.StreamingPayload);
        var body = SigV4Signer.ChunkedBody(seed, chunks, corruptSignatureOfChunk);
        return SigV4Signer.BuildRequest(endpoint, HttpMethod.Put, encodedPath, [], headers, seed, body);
    }

    /// <summary>STREAMING-UNSIGNED-PAYLOAD-TRAILER with one trailing x-amz-checksum-* header.</summary>
    public static HttpRequestMessage UnsignedWithTrailer(
        Uri endpoint, string encodedPath, SigV4Signer signer, byte[] data, string trailerName, string trailerValue)
    {
        var headers = new Dictionary<string, string>
        {
            ["content-encoding"] = "aws-chunked",
            ["x-amz-decoded-content-length"] = data.Length.ToString(CultureInfo.InvariantCulture),
            ["x-amz-trailer"] = trailerName,
        };
        using var body = new MemoryStream();
        if (data.Length > 0)
        {
            body.Write(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            body.Write(data);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.ASCII.GetBytes("0\r\n" + trailerName + ":" + trailerValue + "\r\n\r\n"));
        return signer.CreateRequest(endpoint, HttpMethod.Put, encodedPath, body: body.ToArray(), headers: headers,
            payloadHash: SigV4Signer.StreamingUnsignedPayloadTrailer);
    }
}
