using System.Text;
using System.Xml;
using Nuage.S3.Errors;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;
using Xunit;

namespace Nuage.S3.Tests.Xml;

public sealed class XmlDocumentTests
{
    [Fact]
    public void Error_document_has_code_message_resource_and_request_id()
    {
        var xml = ErrorDocument.RenderString("NoSuchKey", "The specified key does not exist.", "/b/k", "ABCDEF0123456789");
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
            + "<Resource>/b/k</Resource><RequestId>ABCDEF0123456789</RequestId></Error>",
            xml);
    }

    [Fact]
    public void Listing_v2_renders_keys_prefixes_and_token()
    {
        var info = new ObjectInfo("b", "a/1.txt", "null", 5, "5d41402abc4b2a76b9719d911017c592",
            new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), ObjectAttributes.Empty, null, null, "root", "local");
        var page = new ListObjectsPage([info], ["a/b/"], true, "a/b/");
        var query = new ListBucketResultV2.Query("b", "a/", "/", null, null, 2, false, false);
        var xml = Render(w => ListBucketResultV2.Write(w, query, page, "tok", id => id));
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Name>b</Name><Prefix>a/</Prefix><NextContinuationToken>tok</NextContinuationToken><KeyCount>2</KeyCount>"
            + "<MaxKeys>2</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>"
            + "<Contents><Key>a/1.txt</Key><LastModified>2026-11-24T10:00:00.000Z</LastModified>"
            + "<ETag>\"5d41402abc4b2a76b9719d911017c592\"</ETag><Size>5</Size><StorageClass>STANDARD</StorageClass></Contents>"
            + "<CommonPrefixes><Prefix>a/b/</Prefix></CommonPrefixes></ListBucketResult>",
            xml);
    }

    [Fact]
    public void Listing_v1_owner_shows_the_account_name_as_display_name()
    {
        // ceph/s3-tests test_bucket_list_return_data: Owner.DisplayName is the owner's display name, not its id.
        var info = new ObjectInfo("b", "k", "null", 1, "5d41402abc4b2a76b9719d911017c592",
            new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), ObjectAttributes.Empty, null, null, "111122223333", "local");
        var page = new ListObjectsPage([info], [], false, "k");
        var query = new ListBucketResultV1.Query("b", "", null, null, 1000, false);
        var xml = Render(w => ListBucketResultV1.Write(w, query, page, id => id == "111122223333" ? "acme" : id));
        Assert.Contains("<Owner><ID>111122223333</ID><DisplayName>acme</DisplayName></Owner>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_request_with_dtd_is_refused_as_malformed()
    {
        const string body = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><Delete><Object><Key>&a;</Key></Object></Delete>";
        var error = await Assert.ThrowsAsync<S3Exception>(async () =>
            DeleteRequestDocument.Parse(await S3XmlRequest.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), 1 << 20, default)));
        Assert.Equal("MalformedXML", error.Error.Code);
    }

    [Fact]
    public async Task Oversized_request_body_is_refused()
    {
        var body = "<Delete>" + string.Concat(Enumerable.Repeat("<Object><Key>k</Key></Object>", 1000)) + "</Delete>";
        var error = await Assert.ThrowsAsync<S3Exception>(() =>
            S3XmlRequest.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), 1024, default));
        Assert.Equal("MaxMessageLengthExceeded", error.Error.Code);
    }

    [Fact]
    public async Task Complete_multipart_document_parses_parts_and_strips_quotes()
    {
        const string body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Part><PartNumber>1</PartNumber><ETag>\"aa\"</ETag></Part>"
            + "<Part><ETag>bb</ETag><PartNumber>2</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part></CompleteMultipartUpload>";
        var parts = CompleteMultipartUploadDocument.Parse(
            await S3XmlRequest.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), 1 << 20, default));
        Assert.Equal(2, parts.Count);
        Assert.Equal((1, "aa", (string?)null), (parts[0].PartNumber, parts[0].ETag, parts[0].Checksum));
        Assert.Equal((2, "bb", "AAAAAA=="), (parts[1].PartNumber, parts[1].ETag, parts[1].Checksum));
    }

    private static string Render(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, S3Xml.WriterSettings))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
