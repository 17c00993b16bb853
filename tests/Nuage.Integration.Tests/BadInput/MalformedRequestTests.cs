using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Issue 3 "Bad input": malformed and oversized XML bodies, invalid keys, invalid ranges, missing or malformed
/// authentication. Each gets S3's XML error with AWS's code (never a 500 or a stack trace) and the server keeps
/// serving afterwards; nothing is created, deleted or completed by a request that was refused.
/// </summary>
public sealed class MalformedRequestTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IAsyncLifetime
{
    private readonly SignedHttpClient _http = new(fixture.Endpoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await BadInputAssert.ServerAliveAsync(fixture.Server);
        _http.Dispose();
    }

    // ---- XML bodies -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("<CreateBucketConfiguration><LocationConstraint>local</LocationConstraint>")]
    [InlineData("<CreateBucketConfiguration><LocationConstraint>local</Location></CreateBucketConfiguration>")]
    [InlineData("this is not xml")]
    [InlineData("<?xml version=\"1.0\"?><CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>local")]
    public async Task CreateBucket_MalformedXml_IsMalformedXML_AndCreatesNothing(string body)
    {
        var bucket = fixture.NewBucketName("malformed-create");
        var response = await BadInputAssert.SendAsync(_http,
            _http.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket), body: Encoding.UTF8.GetBytes(body)));
        BadInputAssert.S3Error(response, 400, "MalformedXML");
        Assert.Equal(HttpStatusCode.NotFound, await HeadBucketAsync(bucket));
    }

    [Fact]
    public async Task DeleteObjects_MalformedXml_IsMalformedXML_AndDeletesNothing()
    {
        var bucket = await fixture.CreateBucketAsync("malformed-delete");
        Assert.Equal(HttpStatusCode.OK, (await _http.PutObjectAsync(bucket, "survivor", "still here"u8.ToArray())).Status);
        foreach (var body in new[]
        {
            "<Delete><Object><Key>survivor</Key></Object>",
            "<Delete><Object><Key>survivor</Key></Objet></Delete>",
            "<Delete><Object><Key>survivor</Key></Object></Delete><Delete/>",
            "\u0000\u0001garbage",
        })
        {
            var response = await DeleteObjectsAsync(bucket, Encoding.UTF8.GetBytes(body));
            BadInputAssert.S3Error(response, 400, "MalformedXML");
        }

        Assert.Equal(HttpStatusCode.OK, await _http.HeadObjectAsync(bucket, "survivor"));
    }

    [Fact]
    public async Task DeleteObjects_WithDtdOrEntities_IsRefused_AndReadsNoLocalFile()
    {
        var bucket = await fixture.CreateBucketAsync("xxe-delete");
        Assert.Equal(HttpStatusCode.OK, (await _http.PutObjectAsync(bucket, "survivor", "still here"u8.ToArray())).Status);
        var external = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
            + "<Delete><Object><Key>&e;</Key></Object><Object><Key>survivor</Key></Object></Delete>";
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">"
            + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">"))
            + "]><Delete><Object><Key>&j;</Key></Object><Object><Key>survivor</Key></Object></Delete>";
        foreach (var body in new[] { external, laughs })
        {
            var response = await DeleteObjectsAsync(bucket, Encoding.UTF8.GetBytes(body));
            BadInputAssert.S3Error(response, 400, "MalformedXML");
            Assert.DoesNotContain("aaaaaaaaaa", response!.Text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await _http.HeadObjectAsync(bucket, "survivor"));
    }

    [Fact]
    public async Task CompleteMultipartUpload_MalformedXml_IsMalformedXML_AndTheUploadCanStillComplete()
    {
        var bucket = await fixture.CreateBucketAsync("malformed-complete");
        var uploadId = await CreateMultipartUploadAsync(bucket, "mp");
        var part = RandomNumberGenerator.GetBytes(1000);
        var etag = await UploadPartAsync(bucket, "mp", uploadId, 1, part);
        foreach (var body in new[]
        {
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>",
            $"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"{etag}\"</ETag></Part></CompleteMultipartUploa>",
            "{\"Parts\": [1]}",
        })
        {
            var response = await CompleteAsync(bucket, "mp", uploadId, Encoding.UTF8.GetBytes(body));
            BadInputAssert.S3Error(response, 400, "MalformedXML");
        }

        Assert.Equal(HttpStatusCode.NotFound, await _http.HeadObjectAsync(bucket, "mp"));
        var good = $"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"{etag}\"</ETag></Part></CompleteMultipartUpload>";
        var completed = await CompleteAsync(bucket, "mp", uploadId, Encoding.UTF8.GetBytes(good));
        Assert.True(completed.Status == 200, "The upload could not complete after the malformed attempts:\n" + completed);
        var (status, bytes, _) = await _http.GetObjectAsync(bucket, "mp");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(bytes.AsSpan().SequenceEqual(part));
    }

    [Fact]
    public async Task CreateBucket_OversizedXml_Is400_AndCreatesNothing()
    {
        var bucket = fixture.NewBucketName("oversized-create");
        var body = Encoding.UTF8.GetBytes("<CreateBucketConfiguration><!--" + new string('x', 2 * 1024 * 1024)
            + "--><LocationConstraint>local</LocationConstraint></CreateBucketConfiguration>");
        var response = await RawHttp.ExchangeAsync(fixture.Endpoint,
            RawHttp.SignedHead(_http.Signer, fixture.Endpoint, "PUT", SigV4Signer.EncodePath(bucket), null, body.Length), body);
        BadInputAssert.S3Error(response, 400, "MaxMessageLengthExceeded", "MalformedXML");
        Assert.Equal(HttpStatusCode.NotFound, await HeadBucketAsync(bucket));
    }

    [Fact]
    public async Task DeleteObjects_OversizedXml_Is400_AndDeletesNothing()
    {
        var bucket = await fixture.CreateBucketAsync("oversized-delete");
        Assert.Equal(HttpStatusCode.OK, (await _http.PutObjectAsync(bucket, "survivor", "still here"u8.ToArray())).Status);
        var xml = new StringBuilder("<Delete><Object><Key>survivor</Key></Object>");
        for (var i = 0; xml.Length < 12 * 1024 * 1024; i++)
        {
            xml.Append("<Object><Key>filler/").Append(i).Append('/').Append('k', 200).Append("</Key></Object>");
        }

        var body = Encoding.UTF8.GetBytes(xml.Append("</Delete>").ToString());
        var headers = new Dictionary<string, string> { ["Content-MD5"] = Convert.ToBase64String(MD5.HashData(body)) };
        var response = await RawHttp.ExchangeAsync(fixture.Endpoint,
            RawHttp.SignedHead(_http.Signer, fixture.Endpoint, "POST", SigV4Signer.EncodePath(bucket), [("delete", "")], body.Length, headers), body);
        BadInputAssert.S3Error(response, 400, "MaxMessageLengthExceeded", "MalformedXML");
        Assert.Equal(HttpStatusCode.OK, await _http.HeadObjectAsync(bucket, "survivor"));
    }

    [Fact]
    public async Task CompleteMultipartUpload_OversizedXml_Is400_AndCompletesNothing()
    {
        var bucket = await fixture.CreateBucketAsync("oversized-complete");
        var uploadId = await CreateMultipartUploadAsync(bucket, "mp");
        var etag = await UploadPartAsync(bucket, "mp", uploadId, 1, RandomNumberGenerator.GetBytes(100));
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        while (xml.Length < 24 * 1024 * 1024)
        {
            xml.Append("<Part><PartNumber>1</PartNumber><ETag>\"").Append(etag).Append("\"</ETag></Part>");
        }

        var body = Encoding.UTF8.GetBytes(xml.Append("</CompleteMultipartUpload>").ToString());
        var response = await RawHttp.ExchangeAsync(fixture.Endpoint,
            RawHttp.SignedHead(_http.Signer, fixture.Endpoint, "POST", SigV4Signer.EncodePath(bucket, "mp"), [("uploadId", uploadId)], body.Length), body);
        BadInputAssert.S3Error(response, 400, "MaxMessageLengthExceeded", "MalformedXML", "InvalidPartOrder");
        Assert.Equal(HttpStatusCode.NotFound, await _http.HeadObjectAsync(bucket, "mp"));
    }

    // ---- Keys ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("k", 1025)]
    [InlineData("é", 513)] // 1026 bytes of UTF-8 in 513 characters: the limit counts bytes
    [InlineData("k", 4000)]
    public async Task Put_KeyOver1024Bytes_IsKeyTooLongError(string unit, int repeat)
    {
        var bucket = await fixture.CreateBucketAsync("key-too-long");
        var key = string.Concat(Enumerable.Repeat(unit, repeat));
        var response = await BadInputAssert.SendAsync(_http,
            _http.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, key), body: "x"u8.ToArray()));
        BadInputAssert.S3Error(response, 400, "KeyTooLongError");
        var listed = await _http.ListAllAsync(bucket);
        Assert.Empty(listed);
    }

    [Theory]
    [InlineData("k", 1024)]
    [InlineData("é", 512)]
    public async Task Put_KeyOfExactly1024Bytes_IsStored(string unit, int repeat)
    {
        var bucket = await fixture.CreateBucketAsync("key-1024");
        var key = string.Concat(Enumerable.Repeat(unit, repeat));
        Assert.Equal(HttpStatusCode.OK, (await _http.PutObjectAsync(bucket, key, "1024"u8.ToArray())).Status);
        var (status, body, _) = await _http.GetObjectAsync(bucket, key);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1024", Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("%C3%28")] // a 2-byte lead followed by an ASCII byte
    [InlineData("bad%FFbyte")] // never valid in UTF-8
    [InlineData("%C0%AF")] // overlong encoding of '/'
    [InlineData("%ED%A0%80")] // a UTF-16 surrogate encoded as UTF-8
    [InlineData("trunc%E2%82")] // a 3-byte sequence cut short
    [InlineData("bad%zzescape")] // not an escape at all
    public async Task Key_WithInvalidUtf8OrEscape_Is400_ForPutAndGet(string encodedKey)
    {
        var bucket = await fixture.CreateBucketAsync("key-invalid-utf8");
        var path = SigV4Signer.EncodePath(bucket) + "/" + encodedKey;
        var put = await RawHttp.ExchangeAsync(fixture.Endpoint, RawHttp.SignedHead(_http.Signer, fixture.Endpoint, "PUT", path, null, 5), "hello"u8.ToArray());
        BadInputAssert.S3Error(put, 400);
        var get = await RawHttp.ExchangeAsync(fixture.Endpoint, RawHttp.SignedHead(_http.Signer, fixture.Endpoint, "GET", path, null, null), default);
        BadInputAssert.S3Error(get, 400);
        Assert.Empty(await _http.ListAllAsync(bucket));
    }

    // ---- Ranges -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1000, "bytes=1000-")]
    [InlineData(1000, "bytes=5000-6000")]
    [InlineData(300 * 1024, "bytes=307200-307300")]
    [InlineData(300 * 1024, "bytes=999999999-")]
    public async Task Get_UnsatisfiableRange_Is416InvalidRange(int size, string range)
    {
        var bucket = await fixture.CreateBucketAsync("range-416");
        await _http.PutObjectAsync(bucket, "obj", RandomNumberGenerator.GetBytes(size));
        var response = await GetWithRangeAsync(bucket, "obj", range);
        BadInputAssert.S3Error(response, 416, "InvalidRange");
        Assert.Equal($"bytes */{size}", response.Header("Content-Range"));
    }

    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("bytes=10-5")]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("items=0-5")]
    [InlineData("bytes=--5")]
    [InlineData("bytes=")]
    [InlineData("bytes=-")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=99999999999999999999999-")]
    [InlineData("bytes=0-99999999999999999999999")]
    [InlineData("bytes=-99999999999999999999999")]
    public async Task Get_InvalidRangeHeader_IsWholeObjectOr416_NeverWrongBytes(string range)
    {
        var bucket = await fixture.CreateBucketAsync("range-invalid");
        var data = RandomNumberGenerator.GetBytes(1000);
        await _http.PutObjectAsync(bucket, "obj", data);
        var response = await GetWithRangeAsync(bucket, "obj", range);
        BadInputAssert.NoInternalError(response);
        switch (response.Status)
        {
            case 200:
                Assert.True(response.Body.AsSpan().SequenceEqual(data), $"Range '{range}': 200 without the whole object.");
                break;
            case 206:
                var contentRange = response.Header("Content-Range") ?? "";
                var match = System.Text.RegularExpressions.Regex.Match(contentRange, @"^bytes (\d+)-(\d+)/1000$");
                Assert.True(match.Success, $"Range '{range}': 206 with Content-Range '{contentRange}'.");
                var first = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var last = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(response.Body.AsSpan().SequenceEqual(data.AsSpan(first, last - first + 1)), $"Range '{range}': 206 with wrong bytes.");
                break;
            default:
                BadInputAssert.S3Error(response, 416, "InvalidRange");
                break;
        }
    }

    // ---- Authentication -----------------------------------------------------------------------------------

    [Fact]
    public async Task NoAuthorization_IsAccessDenied()
    {
        var bucket = await fixture.CreateBucketAsync("auth-anonymous");
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put })
        {
            using var request = _http.CreateUnsigned(method, SigV4Signer.EncodePath(bucket, "key"));
            if (method == HttpMethod.Put)
            {
                request.Content = new ByteArrayContent("anonymous"u8.ToArray());
            }

            using var response = await _http.SendUnsignedAsync(request);
            BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), 403, "AccessDenied");
        }

        Assert.Empty(await _http.ListAllAsync(bucket));
    }

    [Theory]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("AWS4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA256 ")]
    [InlineData("AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=")]
    [InlineData("AWS4-HMAC-SHA256 Credential=NUAGETESTACCESSKEY01, SignedHeaders=host, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=NUAGETESTACCESSKEY01/2025/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=NUAGETESTACCESSKEY01/20250101/us-east-1/s3/aws4_request SignedHeaders=host Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=0123456789abcdef")]
    [InlineData("AWS4-HMAC-SHA256 Credential=NUAGETESTACCESSKEY01/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=zz")]
    [InlineData("AWS NUAGETESTACCESSKEY01:c2lnbmF0dXJl")]
    [InlineData("AWS4-HMAC-SHA512 Credential=NUAGETESTACCESSKEY01/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")]
    public async Task MalformedAuthorizationHeader_Is400Or403_WithS3Error(string authorization)
    {
        using var request = _http.CreateUnsigned(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("x-amz-date", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", SigV4Signer.EmptyPayloadHash);
        using var response = await _http.SendUnsignedAsync(request);
        BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), [400, 403]);
    }

    [Fact]
    public async Task AuthorizationHeader_WithNonAsciiOrHugeValue_IsRefusedCleanly()
    {
        var nonAscii = Encoding.UTF8.GetBytes("GET / HTTP/1.1\r\nHost: " + fixture.Endpoint.Authority
            + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=\u00e9\u00e8/\u2603, SignedHeaders=host, Signature=00\r\n\r\n");
        var response = await RawHttp.ExchangeAsync(fixture.Endpoint, nonAscii, default);
        Assert.True(response is not null, "No answer to an Authorization header with non-ASCII bytes.");
        BadInputAssert.NoInternalError(response);
        Assert.True(response.Status is 400 or 403, "Non-ASCII Authorization header:\n" + response);

        var huge = RawHttp.Head("GET", "/", fixture.Endpoint, [new("Authorization", "AWS4-HMAC-SHA256 Credential=" + new string('A', 16 * 1024))]);
        response = await RawHttp.ExchangeAsync(fixture.Endpoint, huge, default);
        Assert.True(response is not null, "No answer to a 16 KiB Authorization header.");
        BadInputAssert.NoInternalError(response);
        Assert.True(response.Status is 400 or 403 or 431, "16 KiB Authorization header:\n" + response);
    }

    [Fact]
    public async Task UnknownAccessKey_IsInvalidAccessKeyId()
    {
        using var stranger = new SignedHttpClient(fixture.Endpoint, new SigV4Signer("AKIDNOSUCHKEY0000000", "whatever-secret"));
        var response = await BadInputAssert.SendAsync(stranger, stranger.Create(HttpMethod.Get, "/"));
        BadInputAssert.S3Error(response, 403, "InvalidAccessKeyId");
    }

    [Fact]
    public async Task WrongSecret_IsSignatureDoesNotMatch_AndWritesNothing()
    {
        var bucket = await fixture.CreateBucketAsync("auth-wrong-secret");
        using var impostor = new SignedHttpClient(fixture.Endpoint, new SigV4Signer(NuageProcess.AccessKey, "not-the-secret"));
        var response = await BadInputAssert.SendAsync(impostor,
            impostor.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, "forged"), body: "forged"u8.ToArray()));
        BadInputAssert.S3Error(response, 403, "SignatureDoesNotMatch");
        Assert.Equal(HttpStatusCode.NotFound, await _http.HeadObjectAsync(bucket, "forged"));
    }

    [Fact]
    public async Task SignedBodyHashMismatch_IsRefused_AndWritesNothing()
    {
        var bucket = await fixture.CreateBucketAsync("auth-body-hash");
        var response = await BadInputAssert.SendAsync(_http, _http.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, "tampered"),
            body: "the body sent"u8.ToArray(), payloadHash: SigV4Signer.Hex(SHA256.HashData("the body signed"u8))));
        BadInputAssert.S3Error(response, [400, 403], "XAmzContentSHA256Mismatch", "SignatureDoesNotMatch", "BadDigest");
        Assert.Equal(HttpStatusCode.NotFound, await _http.HeadObjectAsync(bucket, "tampered"));
    }

    [Fact]
    public async Task ClockSkewOverFifteenMinutes_IsRequestTimeTooSkewed()
    {
        // Signed correctly, but an hour in the past.
        var headers = new Dictionary<string, string> { ["host"] = fixture.Endpoint.Authority };
        var signature = _http.Signer.Sign("GET", "/", [], headers, SigV4Signer.EmptyPayloadHash, DateTime.UtcNow.AddHours(-1));
        using var skewed = _http.CreateUnsigned(HttpMethod.Get, "/");
        skewed.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        skewed.Headers.TryAddWithoutValidation("x-amz-date", headers["x-amz-date"]);
        skewed.Headers.TryAddWithoutValidation("x-amz-content-sha256", headers["x-amz-content-sha256"]);
        using var response = await _http.SendUnsignedAsync(skewed);
        BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), 403, "RequestTimeTooSkewed");
    }

    [Fact]
    public async Task Presigned_ExpiredOrMalformed_IsRefused()
    {
        var bucket = await fixture.CreateBucketAsync("presign-bad");
        await _http.PutObjectAsync(bucket, "obj", "secret bytes"u8.ToArray());
        var path = SigV4Signer.EncodePath(bucket, "obj");

        var fresh = _http.Signer.Presign("GET", path, fixture.Endpoint.Authority, 300, DateTime.UtcNow);
        using (var ok = _http.CreateUnsigned(HttpMethod.Get, path + "?" + QueryText(fresh)))
        using (var response = await _http.SendUnsignedAsync(ok))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("secret bytes", await response.Content.ReadAsStringAsync());
        }

        var expired = _http.Signer.Presign("GET", path, fixture.Endpoint.Authority, 60, DateTime.UtcNow.AddMinutes(-10));
        using (var request = _http.CreateUnsigned(HttpMethod.Get, path + "?" + QueryText(expired)))
        using (var response = await _http.SendUnsignedAsync(request))
        {
            BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), 403, "AccessDenied");
        }

        var mangled = fresh.Select(p => p.Name == "X-Amz-Credential" ? (p.Name, "garbage") : p).ToList();
        var noSignature = fresh.Where(p => p.Name != "X-Amz-Signature").ToList();
        var badExpires = fresh.Select(p => p.Name == "X-Amz-Expires" ? (p.Name, "-5") : p).ToList();
        var hugeExpires = fresh.Select(p => p.Name == "X-Amz-Expires" ? (p.Name, "99999999999999999999") : p).ToList();
        foreach (var query in new[] { mangled, noSignature, badExpires, hugeExpires })
        {
            using var request = _http.CreateUnsigned(HttpMethod.Get, path + "?" + QueryText(query));
            using var response = await _http.SendUnsignedAsync(request);
            BadInputAssert.S3Error(await BadInputAssert.ToRawAsync(response), [400, 403]);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static string QueryText(IEnumerable<(string Name, string Value)> query) =>
        string.Join('&', query.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));

    private async Task<HttpStatusCode> HeadBucketAsync(string bucket)
    {
        using var request = _http.Create(HttpMethod.Head, SigV4Signer.EncodePath(bucket));
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<RawHttpResponse> GetWithRangeAsync(string bucket, string key, string range)
    {
        // Through a raw socket: HttpClient validates Range values and would refuse most of these.
        var head = RawHttp.SignedHead(_http.Signer, fixture.Endpoint, "GET", SigV4Signer.EncodePath(bucket, key), null, null,
            new Dictionary<string, string> { ["Range"] = range }, SigV4Signer.EmptyPayloadHash);
        var response = await RawHttp.ExchangeAsync(fixture.Endpoint, head, default);
        Assert.True(response is not null, $"Range '{range}': the connection closed without an answer.");
        return response;
    }

    private Task<RawHttpResponse> DeleteObjectsAsync(string bucket, byte[] body) =>
        BadInputAssert.SendAsync(_http, _http.Create(HttpMethod.Post, SigV4Signer.EncodePath(bucket), [("delete", "")], body,
            new Dictionary<string, string> { ["Content-MD5"] = Convert.ToBase64String(MD5.HashData(body)) }));

    private Task<RawHttpResponse> CompleteAsync(string bucket, string key, string uploadId, byte[] body) =>
        BadInputAssert.SendAsync(_http, _http.Create(HttpMethod.Post, SigV4Signer.EncodePath(bucket, key), [("uploadId", uploadId)], body));

    private async Task<string> CreateMultipartUploadAsync(string bucket, string key)
    {
        var response = await BadInputAssert.SendAsync(_http, _http.Create(HttpMethod.Post, SigV4Signer.EncodePath(bucket, key), [("uploads", "")]));
        Assert.True(response.Status == 200, "CreateMultipartUpload failed:\n" + response);
        return XDocument.Parse(response.Text).Root!.Elements().Single(e => e.Name.LocalName == "UploadId").Value;
    }

    private async Task<string> UploadPartAsync(string bucket, string key, string uploadId, int number, byte[] data)
    {
        var response = await BadInputAssert.SendAsync(_http, _http.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, key),
            [("partNumber", number.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("uploadId", uploadId)], data));
        Assert.True(response.Status == 200, "UploadPart failed:\n" + response);
        return response.Header("ETag")!.Trim('"');
    }
}
