using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Issue 3 "Bad input" and "Auth": aws-chunked bodies, signed chunk by chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) or
/// unsigned with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER): well-formed ones are stored; truncated, cut,
/// mislabelled or tampered ones commit nothing, leave no temporary file in DATA/blobs/tmp, and the server keeps
/// serving. A server of their own keeps the temporary-file checks to their own uploads.
/// </summary>
public sealed class AwsChunkedUploadTests(NuageServerFixture fixture) : BadUploadTestBase(fixture, "aws-chunked")
{
    private const string ChunkedHeadersNote = "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length";

    [Fact]
    public async Task Signed_chunks_well_formed_are_stored()
    {
        // The control for the truncated variants below: the same framing, complete, is accepted.
        var data = RandomNumberGenerator.GetBytes(200 * 1024 + 5);
        var (head, body) = ChunkedUpload("chunked-ok", data, data.Length);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, body);
        Assert.True(response?.Status == 200, $"A well-formed aws-chunked upload ({ChunkedHeadersNote} signed) was refused:\n{response}");
        var (status, stored, _) = await Http.GetObjectAsync(Bucket, "chunked-ok");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(stored.AsSpan().SequenceEqual(data), "The aws-chunked upload was stored with other bytes.");
    }

    [Theory]
    [InlineData(BodyEnd.Abort)]
    [InlineData(BodyEnd.HalfClose)]
    public async Task Signed_chunks_cut_inside_a_chunk_commit_nothing(BodyEnd end)
    {
        var data = RandomNumberGenerator.GetBytes(1024 * 1024);
        var (head, body) = ChunkedUpload("chunked-cut", data, data.Length);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, body.AsMemory(0, (body.Length / 2) + 100), end);
        if (response is not null)
        {
            BadInputAssert.S3Error(response, 400, "IncompleteBody");
        }

        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "chunked-cut"));
    }

    [Fact]
    public async Task Signed_chunks_without_the_final_chunk_are_400_and_commit_nothing()
    {
        // Content-Length covers exactly what is sent, so HTTP sees a complete body; the aws-chunked stream inside
        // it lacks its zero-length final chunk.
        var data = RandomNumberGenerator.GetBytes(200 * 1024);
        var (_, full) = ChunkedUpload("chunked-nofinal", data, data.Length);
        var finalChunk = System.Text.Encoding.ASCII.GetBytes("0;chunk-signature=");
        var cut = full.AsSpan().LastIndexOf(finalChunk);
        Assert.True(cut > 0);
        var (head, _) = ChunkedUpload("chunked-nofinal", data, data.Length, framedLength: cut);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, full.AsMemory(0, cut), BodyEnd.Complete, TimeSpan.FromSeconds(15));
        BadInputAssert.S3Error(response, [400, 403]);
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "chunked-nofinal"));
    }

    [Theory]
    [InlineData(+1000)] // the chunks carry fewer bytes than x-amz-decoded-content-length
    [InlineData(-1000)] // the chunks carry more
    public async Task Signed_chunks_disagreeing_with_the_decoded_length_are_400_and_commit_nothing(int difference)
    {
        var data = RandomNumberGenerator.GetBytes(150 * 1024);
        var (head, body) = ChunkedUpload("chunked-wrong-length", data, data.Length + difference);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, body);
        BadInputAssert.S3Error(response, 400);
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "chunked-wrong-length"));
    }

    [Fact]
    public async Task Signed_chunks_with_a_tampered_chunk_are_SignatureDoesNotMatch_and_commit_nothing()
    {
        var data = RandomNumberGenerator.GetBytes(200 * 1024);
        var (head, body) = ChunkedUpload("chunked-tampered", data, data.Length);
        // Flip one data byte of the second chunk: its signature no longer matches.
        var secondChunk = body.AsSpan(1).IndexOf("\r\n"u8) + 1;
        secondChunk += 2 + (64 * 1024) + 2;
        var dataStart = secondChunk + body.AsSpan(secondChunk).IndexOf("\r\n"u8) + 2;
        body[dataStart + 10] ^= 0xFF;
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, body);
        BadInputAssert.S3Error(response, 403, "SignatureDoesNotMatch");
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "chunked-tampered"));
    }

    // ---- aws-chunked with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER, the SDKs' default) ---------------

    [Fact]
    public async Task Unsigned_trailer_well_formed_is_stored_with_its_checksum()
    {
        var data = RandomNumberGenerator.GetBytes(150 * 1024 + 3);
        var (head, body) = TrailerUpload("trailer-ok", data, TestBytes.Crc32Base64(data));
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, body, BodyEnd.Complete, TimeSpan.FromSeconds(15));
        Assert.True(response?.Status == 200, "A well-formed STREAMING-UNSIGNED-PAYLOAD-TRAILER upload was refused:\n" + response);
        Assert.Equal(TestBytes.Crc32Base64(data), response.Header("x-amz-checksum-crc32"));
        var (status, stored, _) = await Http.GetObjectAsync(Bucket, "trailer-ok");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(stored.AsSpan().SequenceEqual(data), "The trailer upload was stored with other bytes.");
    }

    [Fact]
    public async Task Unsigned_trailer_with_a_wrong_checksum_is_BadDigest_and_commits_nothing()
    {
        var data = RandomNumberGenerator.GetBytes(150 * 1024);
        var (head, body) = TrailerUpload("trailer-bad", data, TestBytes.Crc32Base64("other bytes"u8.ToArray()));
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, body, BodyEnd.Complete, TimeSpan.FromSeconds(15));
        BadInputAssert.S3Error(response, 400, "BadDigest");
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "trailer-bad"));
    }

    [Fact]
    public async Task Unsigned_trailer_missing_is_400_and_commits_nothing()
    {
        // Content-Length covers exactly the bytes sent: the chunks and the final chunk, but no trailer line.
        var data = RandomNumberGenerator.GetBytes(150 * 1024);
        var (_, full) = TrailerUpload("trailer-missing", data, TestBytes.Crc32Base64(data));
        var cut = full.AsSpan().LastIndexOf("x-amz-checksum-crc32:"u8);
        var (head, _) = TrailerUpload("trailer-missing", data, TestBytes.Crc32Base64(data), framedLength: cut);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, full.AsMemory(0, cut), BodyEnd.Complete, TimeSpan.FromSeconds(15));
        BadInputAssert.S3Error(response, 400);
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "trailer-missing"));
    }

    [Theory]
    [InlineData(BodyEnd.Abort)]
    [InlineData(BodyEnd.HalfClose)]
    public async Task Unsigned_trailer_body_cut_inside_a_chunk_commits_nothing(BodyEnd end)
    {
        var data = RandomNumberGenerator.GetBytes(1024 * 1024);
        var (head, body) = TrailerUpload("trailer-cut", data, TestBytes.Crc32Base64(data));
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, body.AsMemory(0, body.Length / 2), end);
        if (response is not null)
        {
            BadInputAssert.S3Error(response, 400, "IncompleteBody");
        }

        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "trailer-cut"));
    }

    /// <summary>
    /// An aws-chunked PUT with unsigned chunks of 64 KiB and a trailing x-amz-checksum-crc32 (what AWS SDKs send by
    /// default): the signed head and the framed body.
    /// </summary>
    private (byte[] Head, byte[] Body) TrailerUpload(string key, byte[] data, string crc32, long? framedLength = null)
    {
        using var framed = new MemoryStream();
        for (var offset = 0; offset < data.Length; offset += 64 * 1024)
        {
            var chunk = data.AsSpan(offset, Math.Min(64 * 1024, data.Length - offset));
            framed.Write(System.Text.Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            framed.Write(chunk);
            framed.Write("\r\n"u8);
        }

        framed.Write(System.Text.Encoding.ASCII.GetBytes($"0\r\nx-amz-checksum-crc32:{crc32}\r\n\r\n"));
        var body = framed.ToArray();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = Fixture.Endpoint.Authority,
            ["content-encoding"] = "aws-chunked",
            ["content-length"] = (framedLength ?? body.Length).ToString(CultureInfo.InvariantCulture),
            ["x-amz-decoded-content-length"] = data.Length.ToString(CultureInfo.InvariantCulture),
            ["x-amz-trailer"] = "x-amz-checksum-crc32",
            ["x-amz-sdk-checksum-algorithm"] = "CRC32",
        };
        var path = SigV4Signer.EncodePath(Bucket, key);
        headers["Authorization"] = Http.Signer.Sign("PUT", path, [], headers, SigV4Signer.StreamingUnsignedPayloadTrailer).Authorization;
        return (RawHttp.Head("PUT", path, Fixture.Endpoint, headers), body);
    }

    /// <summary>
    /// A signed aws-chunked PUT of <paramref name="data"/> in 64 KiB chunks: the head (Content-Length is the framed
    /// length unless <paramref name="framedLength"/> says otherwise) and the framed body.
    /// </summary>
    private (byte[] Head, byte[] Body) ChunkedUpload(string key, byte[] data, long decodedLength, long? framedLength = null)
    {
        // The framed length does not depend on the signatures (always 64 hex digits): frame once to learn it.
        var probe = new SigV4Signature("", "20000101T000000Z", "x", new string('0', 64), new byte[32]);
        var length = framedLength ?? SigV4Signer.ChunkedBody(probe, data, 64 * 1024).Length;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = Fixture.Endpoint.Authority,
            ["content-encoding"] = "aws-chunked",
            ["content-length"] = length.ToString(CultureInfo.InvariantCulture),
            ["x-amz-decoded-content-length"] = decodedLength.ToString(CultureInfo.InvariantCulture),
        };
        var path = SigV4Signer.EncodePath(Bucket, key);
        var seed = Http.Signer.Sign("PUT", path, [], headers, SigV4Signer.StreamingPayload);
        headers["Authorization"] = seed.Authorization;
        return (RawHttp.Head("PUT", path, Fixture.Endpoint, headers), SigV4Signer.ChunkedBody(seed, data, 64 * 1024));
    }
}