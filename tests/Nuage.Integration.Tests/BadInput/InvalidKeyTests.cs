using System.Net;
using System.Text;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Issue 3 "Bad input": keys over 1024 bytes of UTF-8 are KeyTooLongError (exactly 1024 is fine), and keys that
/// are not valid UTF-8 or not valid percent-encoding are 400.
/// No answer is a 500 or shows a stack trace, and the server keeps serving after each test.
/// </summary>
public sealed class InvalidKeyTests(NuageServerFixture fixture) : BadInputTestBase(fixture)
{
    [Theory]
    [InlineData("k", 1025)]
    [InlineData("é", 513)] // 1026 bytes of UTF-8 in 513 characters: the limit counts bytes
    [InlineData("k", 4000)]
    public async Task Put_with_a_key_over_1024_bytes_is_KeyTooLongError(string unit, int repeat)
    {
        var bucket = await Fixture.CreateBucketAsync("key-too-long");
        var key = string.Concat(Enumerable.Repeat(unit, repeat));
        var response = await BadInputAssert.SendAsync(Http,
            Http.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, key), body: "x"u8.ToArray()));
        BadInputAssert.S3Error(response, 400, "KeyTooLongError");
        var listed = await Http.ListAllAsync(bucket);
        Assert.Empty(listed);
    }

    [Theory]
    [InlineData("k", 1024)]
    [InlineData("é", 512)]
    public async Task Put_with_a_key_of_exactly_1024_bytes_is_stored(string unit, int repeat)
    {
        var bucket = await Fixture.CreateBucketAsync("key-1024");
        var key = string.Concat(Enumerable.Repeat(unit, repeat));
        Assert.Equal(HttpStatusCode.OK, (await Http.PutObjectAsync(bucket, key, "1024"u8.ToArray())).Status);
        var (status, body, _) = await Http.GetObjectAsync(bucket, key);
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
    public async Task Key_with_invalid_utf8_or_escape_is_400_for_put_and_get(string encodedKey)
    {
        var bucket = await Fixture.CreateBucketAsync("key-invalid-utf8");
        var path = SigV4Signer.EncodePath(bucket) + "/" + encodedKey;
        var put = await RawHttp.ExchangeAsync(Fixture.Endpoint, RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", path, null, 5), "hello"u8.ToArray());
        BadInputAssert.S3Error(put, 400);
        var get = await RawHttp.ExchangeAsync(Fixture.Endpoint, RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "GET", path, null, null), default);
        BadInputAssert.S3Error(get, 400);
        Assert.Empty(await Http.ListAllAsync(bucket));
    }
}
