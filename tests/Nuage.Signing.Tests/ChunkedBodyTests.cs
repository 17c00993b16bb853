using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Nuage.Signing.Tests;

/// <summary>aws-chunked bodies: signed chunks, signed and unsigned trailers, and every way a body can be broken.</summary>
public sealed class ChunkedBodyTests
{
    private static readonly DateTimeOffset Time = AwsExamples.Time;

    [Fact]
    public async Task Unsigned_trailer_body_yields_the_data_and_the_crc32_trailer()
    {
        var data = RandomData(200_000);
        var crc = Convert.ToBase64String(Crc32.Hash(data));
        var body = TestSigner.UnsignedChunkedBody(data, 81920, [("x-amz-checksum-crc32", crc)]);
        var request = Signed("STREAMING-UNSIGNED-PAYLOAD-TRAILER", data.Length, body, trailer: "x-amz-checksum-crc32");

        var result = AwsExamples.Authenticator().Authenticate(request);
        Assert.Null(result.GetTrailer("x-amz-checksum-crc32"));
        var read = await TestRequests.ReadAllAsync(result.Body);

        Assert.Equal(data, read);
        Assert.Equal(data.Length, result.DecodedContentLength);
        Assert.Equal(crc, result.GetTrailer("x-amz-checksum-crc32"));
        Assert.Equal(crc, result.GetTrailer("X-Amz-Checksum-CRC32"));
        Assert.Null(result.GetTrailer("x-amz-checksum-sha256"));
    }

    [Fact]
    public async Task Unsigned_trailer_body_of_an_empty_object_is_just_the_final_chunk_and_trailer()
    {
        var crc = Convert.ToBase64String(Crc32.Hash([]));
        var body = TestSigner.UnsignedChunkedBody([], 81920, [("x-amz-checksum-crc32", crc)]);
        var request = Signed("STREAMING-UNSIGNED-PAYLOAD-TRAILER", 0, body, trailer: "x-amz-checksum-crc32");

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.Empty(await TestRequests.ReadAllAsync(result.Body));
        Assert.Equal(crc, result.GetTrailer("x-amz-checksum-crc32"));
    }

    [Fact]
    public async Task Unsigned_trailer_body_split_into_single_bytes_still_decodes()
    {
        var data = RandomData(5000);
        var body = TestSigner.UnsignedChunkedBody(data, 1000, [("x-amz-checksum-crc32", Convert.ToBase64String(Crc32.Hash(data)))]);
        var request = Signed("STREAMING-UNSIGNED-PAYLOAD-TRAILER", data.Length, body, trailer: "x-amz-checksum-crc32", stream: new TrickleStream(body, 1));

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.Equal(data, await TestRequests.ReadAllAsync(result.Body, bufferSize: 3));
    }

    [Fact]
    public async Task Signed_chunks_with_a_signed_trailer_verify_and_expose_the_trailer()
    {
        var data = RandomData(300_000);
        var crc = Convert.ToBase64String(Crc32.Hash(data));
        var request = SignedStreaming("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", data, 65536, [("x-amz-checksum-crc32", crc)], trailer: "x-amz-checksum-crc32");

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.Equal(data, await TestRequests.ReadAllAsync(result.Body));
        Assert.Equal(crc, result.GetTrailer("x-amz-checksum-crc32"));
    }

    [Fact]
    public async Task Large_signed_chunks_stream_through()
    {
        var data = RandomData(9 * 1024 * 1024 + 17);
        var request = SignedStreaming("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", data, 4 * 1024 * 1024);

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.Equal(data, await TestRequests.ReadAllAsync(result.Body, bufferSize: 64 * 1024));
    }

    [Fact]
    public async Task Signed_chunks_split_into_single_bytes_still_verify()
    {
        var data = RandomData(20_000);
        var request = SignedStreaming("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", data, 8192, [("x-amz-checksum-crc32", "AAAAAA==")], trailer: "x-amz-checksum-crc32", trickle: 1);

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.Equal(data, await TestRequests.ReadAllAsync(result.Body, bufferSize: 5));
        Assert.Equal("AAAAAA==", result.GetTrailer("x-amz-checksum-crc32"));
    }

    [Fact]
    public async Task Tampered_chunk_data_fails_with_SignatureDoesNotMatch_before_end_of_stream()
    {
        var body = AwsPublishedExampleTests.PublishedChunkedBody();
        body[200] = (byte)'b';
        var result = AwsExamples.Authenticator().Authenticate(AwsPublishedExampleTests.PublishedChunkedRequest(new MemoryStream(body)));

        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);

        // A reader that retries keeps failing instead of seeing the rest of the body.
        await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));
    }

    [Fact]
    public async Task Tampered_final_chunk_signature_fails()
    {
        var body = AwsPublishedExampleTests.PublishedChunkedBody();
        var text = Encoding.ASCII.GetString(body).Replace("b6c6ea8a", "b6c6ea8b", StringComparison.Ordinal);
        var result = AwsExamples.Authenticator().Authenticate(AwsPublishedExampleTests.PublishedChunkedRequest(new MemoryStream(Encoding.ASCII.GetBytes(text))));

        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
    }

    [Fact]
    public async Task Reordered_chunks_fail_because_signatures_chain()
    {
        var data = RandomData(3 * 8192);
        var signer = AwsExamples.Signer;
        var headers = StreamingHeaders("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", data.Length, trailer: null);
        signer.Authorization("PUT", "/bucket/key", string.Empty, headers, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", Time, out var seed);
        var body = signer.SignedChunkedBody(data, 8192, seed, Time);

        // Swap chunks 1 and 2, each "2000;chunk-signature=<64 hex>\r\n" + 8192 bytes + "\r\n".
        var one = "2000;chunk-signature=".Length + 64 + 2 + 8192 + 2;
        var swapped = body[one..(2 * one)].Concat(body[..one]).Concat(body[(2 * one)..]).ToArray();
        var request = Build("PUT", "/bucket/key", headers, signer, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", new MemoryStream(swapped));

        var result = AwsExamples.Authenticator().Authenticate(request);
        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
    }

    [Fact]
    public async Task Tampered_signed_trailer_fails()
    {
        var data = RandomData(10_000);
        var request = SignedStreaming("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", data, 8192, [("x-amz-checksum-crc32", "AAAAAA==")], trailer: "x-amz-checksum-crc32",
            mutate: b => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(b).Replace("x-amz-checksum-crc32:AAAAAA==", "x-amz-checksum-crc32:AAAAAB==", StringComparison.Ordinal)));

        var result = AwsExamples.Authenticator().Authenticate(request);
        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
        Assert.Null(result.GetTrailer("x-amz-checksum-crc32"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(65000)]
    [InlineData(66823)]
    public async Task Truncated_chunked_body_fails_with_IncompleteBody(int keep)
    {
        var body = AwsPublishedExampleTests.PublishedChunkedBody()[..keep];
        var result = AwsExamples.Authenticator().Authenticate(AwsPublishedExampleTests.PublishedChunkedRequest(new MemoryStream(body)));

        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.IncompleteBody, error.Code);
    }

    [Fact]
    public async Task Body_shorter_than_decoded_content_length_fails_with_IncompleteBody()
    {
        var data = RandomData(1000);
        var body = TestSigner.UnsignedChunkedBody(data, 1000, [("x-amz-checksum-crc32", "AAAAAA==")]);
        var request = Signed("STREAMING-UNSIGNED-PAYLOAD-TRAILER", 2000, body, trailer: "x-amz-checksum-crc32");

        var result = AwsExamples.Authenticator().Authenticate(request);
        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.IncompleteBody, error.Code);
    }

    [Fact]
    public async Task Chunks_longer_than_decoded_content_length_fail()
    {
        var data = RandomData(1000);
        var body = TestSigner.UnsignedChunkedBody(data, 1000, [("x-amz-checksum-crc32", "AAAAAA==")]);
        var request = Signed("STREAMING-UNSIGNED-PAYLOAD-TRAILER", 999, body, trailer: "x-amz-checksum-crc32");

        var result = AwsExamples.Authenticator().Authenticate(request);

        await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));
    }

    [Theory]
    [InlineData("zz\r\nabc\r\n0\r\n\r\n")]
    [InlineData("3\nabc\r\n0\r\n\r\n")]
    [InlineData("3\r\nabcd\r\n0\r\n\r\n")]
    [InlineData("3\r\nabc\r\n0\r\nno-colon-here\r\n\r\n")]
    [InlineData("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\ntrailing garbage")]
    public async Task Malformed_framing_fails_the_read(string body)
    {
        var request = Signed("STREAMING-UNSIGNED-PAYLOAD-TRAILER", null, Encoding.ASCII.GetBytes(body), trailer: null);

        var result = AwsExamples.Authenticator().Authenticate(request);
        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Contains(error.Code, new[] { SignatureErrorCode.InvalidRequest, SignatureErrorCode.IncompleteBody });
    }

    [Fact]
    public async Task Undeclared_trailer_is_rejected()
    {
        var body = TestSigner.UnsignedChunkedBody([1, 2, 3], 10, [("x-amz-checksum-sha256", "abc")]);
        var request = Signed("STREAMING-UNSIGNED-PAYLOAD-TRAILER", 3, body, trailer: "x-amz-checksum-crc32");

        var result = AwsExamples.Authenticator().Authenticate(request);
        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task Declared_trailer_that_never_comes_is_rejected()
    {
        var body = Encoding.ASCII.GetBytes("3\r\nabc\r\n0\r\n\r\n");
        var request = Signed("STREAMING-UNSIGNED-PAYLOAD-TRAILER", 3, body, trailer: "x-amz-checksum-crc32");

        var result = AwsExamples.Authenticator().Authenticate(request);
        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task Sha256_payload_mismatch_fails_at_end_of_stream()
    {
        var data = RandomData(100_000);
        var claimed = TestSigner.Sha256Hex(RandomData(10));
        var request = Signed(claimed, null, data, trailer: null, contentLength: data.Length);

        var result = AwsExamples.Authenticator().Authenticate(request);
        var error = await Assert.ThrowsAsync<SignatureException>(() => TestRequests.ReadAllAsync(result.Body));

        Assert.Equal(SignatureErrorCode.XAmzContentSHA256Mismatch, error.Code);
        Assert.Contains(error.Details, d => d.Key == "ClientComputedContentSHA256" && d.Value == claimed);
    }

    [Fact]
    public async Task Sha256_payload_that_matches_streams_through()
    {
        var data = RandomData(100_000);
        var request = Signed(TestSigner.Sha256Hex(data), null, data, trailer: null, contentLength: data.Length);

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.Equal(data, await TestRequests.ReadAllAsync(result.Body, bufferSize: 1000));
    }

    [Fact]
    public async Task Unsigned_payload_is_passed_through_untouched()
    {
        var data = RandomData(1000);
        var request = Signed("UNSIGNED-PAYLOAD", null, data, trailer: null, contentLength: data.Length);

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.Equal(data, await TestRequests.ReadAllAsync(result.Body));
        Assert.Equal(1000, result.DecodedContentLength);
    }

    private static byte[] RandomData(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }

    private static List<(string Name, string Value)> StreamingHeaders(string contentSha, long? decodedLength, string? trailer, long? contentLength = null)
    {
        var headers = new List<(string Name, string Value)>
        {
            ("host", "bucket.s3.local"),
            ("x-amz-date", AwsExamples.AmzDate),
            ("x-amz-content-sha256", contentSha),
        };
        if (decodedLength is long d)
        {
            headers.Add(("x-amz-decoded-content-length", d.ToString(CultureInfo.InvariantCulture)));
            headers.Add(("content-encoding", "aws-chunked"));
        }

        if (trailer is not null)
        {
            headers.Add(("x-amz-trailer", trailer));
        }

        if (contentLength is long c)
        {
            headers.Add(("content-length", c.ToString(CultureInfo.InvariantCulture)));
        }

        return headers;
    }

    private static HttpRequest Signed(string contentSha, long? decodedLength, byte[] body, string? trailer, long? contentLength = null, Stream? stream = null)
    {
        var headers = StreamingHeaders(contentSha, decodedLength, trailer, contentLength);
        return Build("PUT", "/bucket/key", headers, AwsExamples.Signer, contentSha, stream ?? new MemoryStream(body));
    }

    private static HttpRequest SignedStreaming(
        string contentSha,
        byte[] data,
        int chunkSize,
        IReadOnlyList<(string Name, string Value)>? trailers = null,
        string? trailer = null,
        int? trickle = null,
        Func<byte[], byte[]>? mutate = null)
    {
        var signer = AwsExamples.Signer;
        var headers = StreamingHeaders(contentSha, data.Length, trailer);
        signer.Authorization("PUT", "/bucket/key", string.Empty, headers, contentSha, Time, out var seed);
        var body = signer.SignedChunkedBody(data, chunkSize, seed, Time, trailers);
        body = mutate?.Invoke(body) ?? body;
        Stream stream = trickle is int t ? new TrickleStream(body, t) : new MemoryStream(body);
        return Build("PUT", "/bucket/key", headers, signer, contentSha, stream);
    }

    private static HttpRequest Build(string method, string path, List<(string Name, string Value)> headers, TestSigner signer, string contentSha, Stream body)
    {
        var authorization = signer.Authorization(method, path, string.Empty, headers, contentSha, Time, out _);
        return TestRequests.Create(method, path, [.. headers, ("Authorization", authorization)], body);
    }
}
