using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Issue 3 "Bad input": malformed, hostile (DTD, entities) and oversized XML bodies of CreateBucket, DeleteObjects
/// and CompleteMultipartUpload are MalformedXML or MaxMessageLengthExceeded, and change nothing.
/// No answer is a 500 or shows a stack trace, and the server keeps serving after each test.
/// </summary>
public sealed class MalformedXmlTests(NuageServerFixture fixture) : BadInputTestBase(fixture)
{
    [Theory]
    [InlineData("<CreateBucketConfiguration><LocationConstraint>local</LocationConstraint>")]
    [InlineData("<CreateBucketConfiguration><LocationConstraint>local</Location></CreateBucketConfiguration>")]
    [InlineData("this is not xml")]
    [InlineData("<?xml version=\"1.0\"?><CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>local")]
    public async Task Create_bucket_with_malformed_xml_is_MalformedXML_and_creates_nothing(string body)
    {
        var bucket = Fixture.NewBucketName("malformed-create");
        var response = await BadInputAssert.SendAsync(Http,
            Http.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket), body: Encoding.UTF8.GetBytes(body)));
        BadInputAssert.S3Error(response, 400, "MalformedXML");
        Assert.Equal(HttpStatusCode.NotFound, await HeadBucketAsync(bucket));
    }

    [Fact]
    public async Task Delete_objects_with_malformed_xml_is_MalformedXML_and_deletes_nothing()
    {
        var bucket = await Fixture.CreateBucketAsync("malformed-delete");
        Assert.Equal(HttpStatusCode.OK, (await Http.PutObjectAsync(bucket, "survivor", "still here"u8.ToArray())).Status);
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

        Assert.Equal(HttpStatusCode.OK, await Http.HeadObjectAsync(bucket, "survivor"));
    }

    [Fact]
    public async Task Delete_objects_with_a_dtd_or_entities_is_MalformedXML_and_reads_no_local_file()
    {
        var bucket = await Fixture.CreateBucketAsync("xxe-delete");
        Assert.Equal(HttpStatusCode.OK, (await Http.PutObjectAsync(bucket, "survivor", "still here"u8.ToArray())).Status);
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

        Assert.Equal(HttpStatusCode.OK, await Http.HeadObjectAsync(bucket, "survivor"));
    }

    [Fact]
    public async Task Complete_multipart_upload_with_malformed_xml_is_MalformedXML_and_the_upload_can_still_complete()
    {
        var bucket = await Fixture.CreateBucketAsync("malformed-complete");
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

        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(bucket, "mp"));
        var good = $"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"{etag}\"</ETag></Part></CompleteMultipartUpload>";
        var completed = await CompleteAsync(bucket, "mp", uploadId, Encoding.UTF8.GetBytes(good));
        Assert.True(completed.Status == 200, "The upload could not complete after the malformed attempts:\n" + completed);
        var (status, bytes, _) = await Http.GetObjectAsync(bucket, "mp");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(bytes.AsSpan().SequenceEqual(part));
    }

    [Fact]
    public async Task Create_bucket_with_oversized_xml_is_400_and_creates_nothing()
    {
        var bucket = Fixture.NewBucketName("oversized-create");
        var body = Encoding.UTF8.GetBytes("<CreateBucketConfiguration><!--" + new string('x', 2 * 1024 * 1024)
            + "--><LocationConstraint>local</LocationConstraint></CreateBucketConfiguration>");
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint,
            RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "PUT", SigV4Signer.EncodePath(bucket), null, body.Length), body);
        BadInputAssert.S3Error(response, 400, "MaxMessageLengthExceeded", "MalformedXML");
        Assert.Equal(HttpStatusCode.NotFound, await HeadBucketAsync(bucket));
    }

    [Fact]
    public async Task Delete_objects_with_oversized_xml_is_400_and_deletes_nothing()
    {
        var bucket = await Fixture.CreateBucketAsync("oversized-delete");
        Assert.Equal(HttpStatusCode.OK, (await Http.PutObjectAsync(bucket, "survivor", "still here"u8.ToArray())).Status);
        var xml = new StringBuilder("<Delete><Object><Key>survivor</Key></Object>");
        for (var i = 0; xml.Length < 12 * 1024 * 1024; i++)
        {
            xml.Append("<Object><Key>filler/").Append(i).Append('/').Append('k', 200).Append("</Key></Object>");
        }

        var body = Encoding.UTF8.GetBytes(xml.Append("</Delete>").ToString());
        var headers = new Dictionary<string, string> { ["Content-MD5"] = Convert.ToBase64String(MD5.HashData(body)) };
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint,
            RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "POST", SigV4Signer.EncodePath(bucket), [("delete", "")], body.Length, headers), body);
        BadInputAssert.S3Error(response, 400, "MaxMessageLengthExceeded", "MalformedXML");
        Assert.Equal(HttpStatusCode.OK, await Http.HeadObjectAsync(bucket, "survivor"));
    }

    [Fact]
    public async Task Complete_multipart_upload_with_oversized_xml_is_400_and_completes_nothing()
    {
        var bucket = await Fixture.CreateBucketAsync("oversized-complete");
        var uploadId = await CreateMultipartUploadAsync(bucket, "mp");
        var etag = await UploadPartAsync(bucket, "mp", uploadId, 1, RandomNumberGenerator.GetBytes(100));
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        while (xml.Length < 24 * 1024 * 1024)
        {
            xml.Append("<Part><PartNumber>1</PartNumber><ETag>\"").Append(etag).Append("\"</ETag></Part>");
        }

        var body = Encoding.UTF8.GetBytes(xml.Append("</CompleteMultipartUpload>").ToString());
        var response = await RawHttp.ExchangeAsync(Fixture.Endpoint,
            RawHttp.SignedHead(Http.Signer, Fixture.Endpoint, "POST", SigV4Signer.EncodePath(bucket, "mp"), [("uploadId", uploadId)], body.Length), body);
        BadInputAssert.S3Error(response, 400, "MaxMessageLengthExceeded", "MalformedXML", "InvalidPartOrder");
        Assert.Equal(HttpStatusCode.NotFound, await Http.HeadObjectAsync(bucket, "mp"));
    }

    private async Task<HttpStatusCode> HeadBucketAsync(string bucket)
    {
        using var request = Http.Create(HttpMethod.Head, SigV4Signer.EncodePath(bucket));
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    private Task<RawHttpResponse> DeleteObjectsAsync(string bucket, byte[] body) =>
        BadInputAssert.SendAsync(Http, Http.Create(HttpMethod.Post, SigV4Signer.EncodePath(bucket), [("delete", "")], body,
            new Dictionary<string, string> { ["Content-MD5"] = Convert.ToBase64String(MD5.HashData(body)) }));

    private Task<RawHttpResponse> CompleteAsync(string bucket, string key, string uploadId, byte[] body) =>
        BadInputAssert.SendAsync(Http, Http.Create(HttpMethod.Post, SigV4Signer.EncodePath(bucket, key), [("uploadId", uploadId)], body));

    private async Task<string> CreateMultipartUploadAsync(string bucket, string key)
    {
        var response = await BadInputAssert.SendAsync(Http, Http.Create(HttpMethod.Post, SigV4Signer.EncodePath(bucket, key), [("uploads", "")]));
        Assert.True(response.Status == 200, "CreateMultipartUpload failed:\n" + response);
        return XDocument.Parse(response.Text).Root!.Elements().Single(e => e.Name.LocalName == "UploadId").Value;
    }

    private async Task<string> UploadPartAsync(string bucket, string key, string uploadId, int number, byte[] data)
    {
        var response = await BadInputAssert.SendAsync(Http, Http.Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, key),
            [("partNumber", number.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("uploadId", uploadId)], data));
        Assert.True(response.Status == 200, "UploadPart failed:\n" + response);
        return response.Header("ETag")!.Trim('"');
    }
}
