using System.Net;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>Header corner cases that ceph/s3-tests showed to matter: unicode values, Expect, empty digests, odd keys.</summary>
public sealed class HeaderEdgeTests(NuageServerFixture fixture) : BadUploadTestBase(fixture, "header-edge")
{
    private const string EncodedHello = "=?UTF-8?B?SGVsbG8gV29ybGTDqQ==?="; // "Hello Worldé" as an RFC 2047 encoded-word

    [Fact]
    public async Task Unicode_metadata_is_stored_and_returned_as_an_rfc2047_word_without_breaking_reads()
    {
        using (var put = Http.Create(HttpMethod.Put, SigV4Signer.EncodePath(Bucket, "unicode-meta"), body: "x"u8.ToArray(),
            signedHeaders: new Dictionary<string, string> { ["x-amz-meta-note"] = EncodedHello }))
        using (var response = await Http.SendAsync(put))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var s3 = Fixture.CreateS3Client();
        var head = await s3.GetObjectMetadataAsync(Bucket, "unicode-meta");
        Assert.Equal(EncodedHello, head.Metadata["x-amz-meta-note"]);
        using var get = await s3.GetObjectAsync(Bucket, "unicode-meta");
        Assert.Equal(EncodedHello, get.Metadata["x-amz-meta-note"]);
    }

    [Fact]
    public async Task Non_ascii_response_override_is_encoded_not_a_server_error()
    {
        using var s3 = Fixture.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "cv", ContentBody = "pdf" });
        using var request = Http.Create(HttpMethod.Get, SigV4Signer.EncodePath(Bucket, "cv"),
            query: [("response-content-disposition", "attachment; filename=\"r\u00e9sum\u00e9.pdf\"")]);
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "=?UTF-8?B?YXR0YWNobWVudDsgZmlsZW5hbWU9InLDqXN1bcOpLnBkZiI=?=",
            string.Join(",", response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal("pdf", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refused_expect_continue_upload_closes_the_connection_so_the_next_request_is_not_eaten()
    {
        var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath("no-such-bucket-here", "k"), null,
            contentLength: 3, extraHeaders: new Dictionary<string, string> { ["Expect"] = "100-continue" });
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, ReadOnlyMemory<byte>.Empty, BodyEnd.Complete);

        BadInputAssert.S3Error(response, 404, "NoSuchBucket");
        Assert.Equal("close", response!.Header("Connection"));
    }

    [Fact]
    public async Task Empty_content_md5_is_InvalidDigest()
    {
        var head = RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath(Bucket, "md5-empty"), null,
            contentLength: 3, extraHeaders: new Dictionary<string, string> { ["Content-MD5"] = "" });
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint, head, "abc"u8.ToArray());

        BadInputAssert.S3Error(response, 400, "InvalidDigest");
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, "md5-empty"));
    }

    [Fact]
    public async Task DeleteObjects_keeps_a_key_made_of_a_space()
    {
        using var s3 = Fixture.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = " ", ContentBody = "blank" });

        var result = await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = Bucket, Objects = [new KeyVersion { Key = " " }] });

        Assert.Empty(result.DeleteErrors ?? []);
        Assert.Equal(" ", Assert.Single(result.DeletedObjects).Key);
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(Bucket, " "));
    }
}
