using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Nuage.S3.Errors;
using Nuage.S3.Routing;
using Xunit;

namespace Nuage.S3.Tests.Routing;

public sealed class S3RouterTests
{
    [Theory]
    [InlineData("GET", "/", "", null, S3Action.ListBuckets)]
    [InlineData("PUT", "/b", "", null, S3Action.CreateBucket)]
    [InlineData("HEAD", "/b", "", null, S3Action.HeadBucket)]
    [InlineData("DELETE", "/b", "", null, S3Action.DeleteBucket)]
    [InlineData("GET", "/b", "location", null, S3Action.GetBucketLocation)]
    [InlineData("GET", "/b", "versioning", null, S3Action.GetBucketVersioning)]
    [InlineData("GET", "/b", "uploads", null, S3Action.ListMultipartUploads)]
    [InlineData("GET", "/b", "list-type=2&prefix=a", null, S3Action.ListObjectsV2)]
    [InlineData("GET", "/b/", "prefix=a", null, S3Action.ListObjects)]
    [InlineData("POST", "/b", "delete", null, S3Action.DeleteObjects)]
    [InlineData("PUT", "/b/k", "", null, S3Action.PutObject)]
    [InlineData("PUT", "/b/k", "", "/src/key", S3Action.CopyObject)]
    [InlineData("PUT", "/b/k", "partNumber=1&uploadId=u", null, S3Action.UploadPart)]
    [InlineData("PUT", "/b/k", "partNumber=1&uploadId=u", "/src/key", S3Action.UploadPartCopy)]
    [InlineData("GET", "/b/k", "", null, S3Action.GetObject)]
    [InlineData("GET", "/b/k", "response-content-type=x", null, S3Action.GetObject)]
    [InlineData("GET", "/b/k", "uploadId=u", null, S3Action.ListParts)]
    [InlineData("HEAD", "/b/k", "", null, S3Action.HeadObject)]
    [InlineData("DELETE", "/b/k", "", null, S3Action.DeleteObject)]
    [InlineData("DELETE", "/b/k", "uploadId=u", null, S3Action.AbortMultipartUpload)]
    [InlineData("POST", "/b/k", "uploads", null, S3Action.CreateMultipartUpload)]
    [InlineData("POST", "/b/k", "uploadId=u", null, S3Action.CompleteMultipartUpload)]
    public void Request_routes_to_its_operation(string method, string path, string query, string? copySource, S3Action expected)
    {
        var route = Route(method, path, query, copySource);
        Assert.Equal(expected, route.Action);
    }

    [Theory]
    [InlineData("GET", "/b", "acl")]
    [InlineData("PUT", "/b", "policy")]
    [InlineData("PUT", "/b", "versioning")]
    [InlineData("GET", "/b/k", "tagging")]
    [InlineData("PUT", "/b/k", "acl")]
    [InlineData("POST", "/b/k", "select&select-type=2")]
    public void Unserved_subresource_answers_NotImplemented_instead_of_touching_data(string method, string path, string query)
    {
        var error = Assert.Throws<S3Exception>(() => Route(method, path, query, null));
        Assert.Equal("NotImplemented", error.Error.Code);
    }

    [Fact]
    public void Unknown_method_is_MethodNotAllowed()
    {
        var error = Assert.Throws<S3Exception>(() => Route("PATCH", "/b/k", "", null));
        Assert.Equal("MethodNotAllowed", error.Error.Code);
    }

    [Theory]
    [InlineData("/b/../../etc/passwd", "b", "../../etc/passwd")]
    [InlineData("/b//abs", "b", "/abs")]
    [InlineData("/b/a%2Fb%20c", "b", "a/b c")]
    [InlineData("/b/caf%C3%A9", "b", "café")]
    [InlineData("/b/a+b", "b", "a+b")]
    [InlineData("/b/k?x=1", "b", "k")]
    public void Target_keeps_the_key_byte_for_byte(string raw, string bucket, string key)
    {
        var target = S3RequestTarget.Parse(raw, "127.0.0.1:9000", null);
        Assert.Equal(bucket, target.Bucket);
        Assert.Equal(key, target.Key);
    }

    [Theory]
    [InlineData("/b/%C3%28")]
    [InlineData("/b/%ZZ")]
    [InlineData("/b/%4")]
    public void Invalid_percent_encoding_or_utf8_is_InvalidURI(string raw)
    {
        var error = Assert.Throws<S3Exception>(() => S3RequestTarget.Parse(raw, "h", null));
        Assert.Equal("InvalidURI", error.Error.Code);
    }

    [Fact]
    public void Virtual_host_style_takes_the_bucket_from_the_host()
    {
        var target = S3RequestTarget.Parse("/photos/2026/a.jpg", "my-bucket.s3.example.test:9000", "s3.example.test");
        Assert.Equal("my-bucket", target.Bucket);
        Assert.Equal("photos/2026/a.jpg", target.Key);
    }

    [Fact]
    public void Host_equal_to_the_domain_is_path_style()
    {
        var target = S3RequestTarget.Parse("/bucket/key", "s3.example.test", "s3.example.test");
        Assert.Equal("bucket", target.Bucket);
        Assert.Equal("key", target.Key);
    }

    private static S3Route Route(string method, string path, string query, string? copySource)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query.Length == 0 ? string.Empty : "?" + query);
        if (copySource is not null)
        {
            context.Request.Headers["x-amz-copy-source"] = new StringValues(copySource);
        }

        var target = S3RequestTarget.Parse(path + (query.Length == 0 ? string.Empty : "?" + query), "localhost", null);
        return S3Router.Route(method, target, context.Request.Query, context.Request.Headers);
    }
}
