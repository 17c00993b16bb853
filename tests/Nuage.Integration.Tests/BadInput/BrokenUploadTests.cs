using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Nuage.Integration.Tests.Durability;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Issue 3 "Bad input": truncated bodies, clients that disconnect mid-upload, and Content-Length headers that lie. Nothing may be committed (HeadObject 404, or the previous version intact), no
/// temporary file may stay in DATA/blobs/tmp, and the server keeps serving. These tests have a server of their own,
/// so the temporary-file checks see only their own uploads.
/// </summary>
public sealed class BrokenUploadTests(NuageServerFixture fixture) : BadUploadTestBase(fixture, "broken-uploads")
{
    [Theory]
    [InlineData(4 * 1024 * 1024, 1536 * 1024)] // blob-backed: the body was streaming into a temporary file
    [InlineData(100 * 1024, 40 * 1024)] // would have been inline
    public async Task Half_a_body_then_a_connection_reset_commits_nothing(int declared, int sent)
    {
        var tempFileSeen = false;
        var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath(Bucket, "half-reset"), null, declared);
        await RawHttp.ExchangeAsync(Fixture.Endpoint, head, RandomNumberGenerator.GetBytes(sent), BodyEnd.Abort,
            beforeEnd: async () => tempFileSeen = declared <= Payload.InlineLimit || await BlobTempFiles.WaitUntilAnyAsync(DataDirectory, TimeSpan.FromSeconds(10)));

        Assert.True(tempFileSeen, "The half-sent body never reached a temporary file in blobs/tmp: is it streamed?");
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "half-reset"));
        var left = await BlobTempFiles.WaitUntilEmptyAsync(DataDirectory, TimeSpan.FromSeconds(10));
        Assert.True(left.Count == 0, "The disconnected upload left its temporary file:\n" + string.Join('\n', left));
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "half-reset"));
        // A client going away is no server failure: the fixture's AssertNoErrors fails the class if the server
        // logged one (the log is written asynchronously, so it is checked once, when the server stops).
    }

    [Fact]
    public async Task Half_a_body_then_end_of_stream_is_IncompleteBody_or_a_close_and_commits_nothing()
    {
        var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath(Bucket, "half-fin"), null, 1024 * 1024);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, RandomNumberGenerator.GetBytes(300 * 1024), BodyEnd.HalfClose);
        if (response is not null)
        {
            BadInputAssert.S3Error(response, 400, "IncompleteBody");
        }

        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "half-fin"));
    }

    [Fact]
    public async Task Interrupted_overwrite_leaves_the_previous_version_intact()
    {
        var original = RandomNumberGenerator.GetBytes(700 * 1024);
        Assert.Equal(HttpStatusCode.OK, (await Http.PutObjectAsync(Bucket, "keep", original)).Status);
        foreach (var (declared, sent) in new[] { (2 * 1024 * 1024, 1024 * 1024), (64 * 1024, 1000) })
        {
            var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath(Bucket, "keep"), null, declared);
            await RawHttp.ExchangeAsync(Fixture.Endpoint, head, RandomNumberGenerator.GetBytes(sent), BodyEnd.Abort);
            await RawHttp.ExchangeAsync(Fixture.Endpoint, head, RandomNumberGenerator.GetBytes(sent), BodyEnd.HalfClose);
        }

        var (status, body, etag) = await Http.GetObjectAsync(Bucket, "keep");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.AsSpan().SequenceEqual(original), "An interrupted overwrite changed the stored object.");
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(original)), etag);
    }

    [Fact]
    public async Task Content_length_over_5_GiB_is_EntityTooLarge_at_once()
    {
        // The connection stays open: the size alone decides, without waiting for 10 TiB (or a timeout).
        var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath(Bucket, "huge"), null, 10L << 40);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, "0123456789"u8.ToArray(), BodyEnd.Complete, TimeSpan.FromSeconds(15));
        BadInputAssert.S3Error(response, 400, "EntityTooLarge");
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "huge"));
    }

    [Fact]
    public async Task Large_content_length_with_little_data_is_IncompleteBody_or_a_close_and_commits_nothing()
    {
        var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath(Bucket, "liar"), null, 1L << 30);
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, "0123456789"u8.ToArray(), BodyEnd.HalfClose);
        if (response is not null)
        {
            BadInputAssert.S3Error(response, 400, "IncompleteBody");
        }

        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "liar"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999999")]
    public async Task Malformed_content_length_is_400(string contentLength)
    {
        var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath(Bucket, "bad-length"), null, null,
            new Dictionary<string, string> { ["Content-Length"] = contentLength });
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, "0123456789"u8.ToArray(), BodyEnd.HalfClose);
        if (response is not null)
        {
            BadInputAssert.NoInternalError(response);
            Assert.True(response.Status == 400, $"Content-Length '{contentLength}':\n{response}");
        }

        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "bad-length"));
    }
}
