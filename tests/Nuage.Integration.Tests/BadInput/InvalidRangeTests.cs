using System.Security.Cryptography;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Issue 3 "Bad input": unsatisfiable ranges are 416 InvalidRange with "Content-Range: bytes */size"; a Range
/// header S3 cannot parse is ignored (the whole object), and no answer ever carries bytes other than those asked.
/// No answer is a 500 or shows a stack trace, and the server keeps serving after each test.
/// </summary>
public sealed class InvalidRangeTests(NuageServerFixture fixture) : BadInputTestBase(fixture)
{
    [Theory]
    [InlineData(1000, "bytes=1000-")]
    [InlineData(1000, "bytes=5000-6000")]
    [InlineData(300 * 1024, "bytes=307200-307300")]
    [InlineData(300 * 1024, "bytes=999999999-")]
    public async Task Get_with_an_unsatisfiable_range_is_416_InvalidRange(int size, string range)
    {
        var bucket = await Fixture.CreateBucketAsync("range-416");
        await Http.PutObjectAsync(bucket, "obj", RandomNumberGenerator.GetBytes(size));
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
    public async Task Get_with_an_invalid_range_header_is_the_whole_object_or_416_never_wrong_bytes(string range)
    {
        var bucket = await Fixture.CreateBucketAsync("range-invalid");
        var data = RandomNumberGenerator.GetBytes(1000);
        await Http.PutObjectAsync(bucket, "obj", data);
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

    private async Task<RawHttpResponse> GetWithRangeAsync(string bucket, string key, string range)
    {
        // Through a raw socket: HttpClient validates Range values and would refuse most of these.
        var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "GET", SigV4Signer.EncodePath(bucket, key), null, null,
            new Dictionary<string, string> { ["Range"] = range }, SigV4Signer.EmptyPayloadHash);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, default);
        Assert.True(response is not null, $"Range '{range}': the connection closed without an answer.");
        return response;
    }
}
