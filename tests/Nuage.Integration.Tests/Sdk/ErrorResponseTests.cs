using System.Net;
using Amazon.S3;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// "Error responses" (S3 API reference): every error is an XML &lt;Error&gt; with Code, Message, Resource and
/// RequestId; every response, error or not, carries x-amz-request-id. Checked on the wire with raw requests.
/// </summary>
public sealed class ErrorResponseTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Missing_key_error_is_an_xml_document_with_code_message_resource_and_request_id()
    {
        var bucket = await fixture.CreateBucketAsync("err-nokey");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "dir/absent"));

        var error = await RawS3.AssertErrorAsync(response, HttpStatusCode.NotFound, "NoSuchKey");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"/{bucket}/dir/absent", error.Element("Resource")?.Value);
    }

    [Fact]
    public async Task Missing_bucket_error_names_the_bucket()
    {
        var bucket = fixture.NewBucketName("err-nobucket");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + bucket, query: [new("list-type", "2")]);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.NotFound, "NoSuchBucket");
    }

    [Fact]
    public async Task Successful_responses_carry_a_request_id_too()
    {
        var bucket = await fixture.CreateBucketAsync("err-ok-id");
        await _s3.PutBytesAsync(bucket, "k", [1]);

        using var get = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, SigV4Signer.EncodePath(bucket, "k"));
        using var list = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(get.Headers.GetValues("x-amz-request-id"))));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(list.Headers.GetValues("x-amz-request-id"))));
    }

    [Fact]
    public async Task Head_error_has_a_request_id_and_no_body()
    {
        var bucket = await fixture.CreateBucketAsync("err-head");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Head, SigV4Signer.EncodePath(bucket, "absent"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(response.Headers.GetValues("x-amz-request-id"))));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Request_ids_differ_between_requests()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/");
            ids.Add(response.Headers.GetValues("x-amz-request-id").Single());
        }

        Assert.Equal(20, ids.Count);
    }

    [Fact]
    public async Task Unsupported_method_is_MethodNotAllowed()
    {
        var bucket = await fixture.CreateBucketAsync("err-method");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Patch, SigV4Signer.EncodePath(bucket, "k"), body: [1]);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
    }

    [Fact]
    public async Task Malformed_create_bucket_configuration_is_MalformedXML()
    {
        var bucket = fixture.NewBucketName("err-bad-config");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket,
            body: "<CreateBucketConfiguration><LocationConstraint>local"u8.ToArray());

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
    }

    [Fact]
    public async Task Invalid_percent_encoding_in_the_key_is_a_client_error()
    {
        var bucket = await fixture.CreateBucketAsync("err-bad-uri");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + bucket + "/bad%FFutf8");

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidURI");
    }
}
