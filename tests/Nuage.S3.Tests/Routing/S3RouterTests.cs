using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Nuage.S3.Errors;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;
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
    [InlineData("PUT", "/b", "versioning", null, S3Action.PutBucketVersioning)]
    [InlineData("GET", "/b", "lifecycle", null, S3Action.GetBucketLifecycleConfiguration)]
    [InlineData("PUT", "/b", "lifecycle", null, S3Action.PutBucketLifecycleConfiguration)]
    [InlineData("DELETE", "/b", "lifecycle", null, S3Action.DeleteBucketLifecycle)]
    [InlineData("GET", "/b", "versions&prefix=a", null, S3Action.ListObjectVersions)]
    [InlineData("GET", "/b", "object-lock", null, S3Action.GetObjectLockConfiguration)]
    [InlineData("PUT", "/b", "object-lock", null, S3Action.PutObjectLockConfiguration)]
    [InlineData("GET", "/b/k", "retention&versionId=v", null, S3Action.GetObjectRetention)]
    [InlineData("PUT", "/b/k", "retention", null, S3Action.PutObjectRetention)]
    [InlineData("GET", "/b/k", "legal-hold", null, S3Action.GetObjectLegalHold)]
    [InlineData("PUT", "/b/k", "legal-hold", null, S3Action.PutObjectLegalHold)]
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
    [InlineData("GET", "/b", "policy", null, S3Action.GetBucketPolicy)]
    [InlineData("PUT", "/b", "policy", null, S3Action.PutBucketPolicy)]
    [InlineData("DELETE", "/b", "policy", null, S3Action.DeleteBucketPolicy)]
    [InlineData("GET", "/b", "policyStatus", null, S3Action.GetBucketPolicyStatus)]
    [InlineData("GET", "/b", "acl", null, S3Action.GetBucketAcl)]
    [InlineData("PUT", "/b", "acl", null, S3Action.PutBucketAcl)]
    [InlineData("GET", "/b/k", "acl", null, S3Action.GetObjectAcl)]
    [InlineData("PUT", "/b/k", "acl", null, S3Action.PutObjectAcl)]
    [InlineData("GET", "/b", "ownershipControls", null, S3Action.GetBucketOwnershipControls)]
    [InlineData("PUT", "/b", "ownershipControls", null, S3Action.PutBucketOwnershipControls)]
    [InlineData("DELETE", "/b", "ownershipControls", null, S3Action.DeleteBucketOwnershipControls)]
    [InlineData("GET", "/b", "publicAccessBlock", null, S3Action.GetPublicAccessBlock)]
    [InlineData("PUT", "/b", "publicAccessBlock", null, S3Action.PutPublicAccessBlock)]
    [InlineData("DELETE", "/b", "publicAccessBlock", null, S3Action.DeletePublicAccessBlock)]
    [InlineData("GET", "/b", "cors", null, S3Action.GetBucketCors)]
    [InlineData("PUT", "/b", "cors", null, S3Action.PutBucketCors)]
    [InlineData("DELETE", "/b", "cors", null, S3Action.DeleteBucketCors)]
    [InlineData("OPTIONS", "/b", "", null, S3Action.OptionsObject)]
    [InlineData("GET", "/b", "tagging", null, S3Action.GetBucketTagging)]
    [InlineData("PUT", "/b", "tagging", null, S3Action.PutBucketTagging)]
    [InlineData("DELETE", "/b", "tagging", null, S3Action.DeleteBucketTagging)]
    [InlineData("GET", "/b", "encryption", null, S3Action.GetBucketEncryption)]
    [InlineData("PUT", "/b", "encryption", null, S3Action.PutBucketEncryption)]
    [InlineData("DELETE", "/b", "encryption", null, S3Action.DeleteBucketEncryption)]
    [InlineData("GET", "/b/k", "tagging", null, S3Action.GetObjectTagging)]
    [InlineData("PUT", "/b/k", "tagging&versionId=null", null, S3Action.PutObjectTagging)]
    [InlineData("DELETE", "/b/k", "tagging", null, S3Action.DeleteObjectTagging)]
    [InlineData("OPTIONS", "/b/k", "uploadId=u&partNumber=1", null, S3Action.OptionsObject)]
    [InlineData("GET", "/b", "logging", null, S3Action.GetBucketLogging)]
    [InlineData("PUT", "/b", "logging", null, S3Action.PutBucketLogging)]
    [InlineData("GET", "/b", "notification", null, S3Action.GetBucketNotificationConfiguration)]
    [InlineData("PUT", "/b", "notification", null, S3Action.PutBucketNotificationConfiguration)]
    [InlineData("GET", "/b", "replication", null, S3Action.GetBucketReplication)]
    [InlineData("PUT", "/b", "replication", null, S3Action.PutBucketReplication)]
    [InlineData("DELETE", "/b", "replication", null, S3Action.DeleteBucketReplication)]
    public void Request_routes_to_its_operation(string method, string path, string query, string? copySource, S3Action expected)
    {
        var route = Route(method, path, query, copySource);
        Assert.Equal(expected, route.Action);
    }

    [Theory]
    [InlineData("PUT", "/b", "metrics")]
    [InlineData("PUT", "/b", "website")]
    [InlineData("GET", "/b/k", "restore")]
    [InlineData("PUT", "/b/k", "torrent")]
    [InlineData("POST", "/b/k", "select&select-type=2")]
    public void Unserved_subresource_answers_NotImplemented_instead_of_touching_data(string method, string path, string query)
    {
        var error = Assert.Throws<S3Exception>(() => Route(method, path, query, null));
        Assert.Equal("NotImplemented", error.Error.Code);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=xyz")]
    [InlineData("Multipart/Form-Data;boundary=\"a b\"")]
    public void Bucket_POST_with_a_form_is_PostObject(string contentType)
    {
        var target = S3RequestTarget.Parse("/b", "localhost", null);
        var headers = new HeaderDictionary { ["Content-Type"] = contentType };
        var route = S3Router.Route("POST", target, new QueryCollection(), headers);
        Assert.Equal(new PostObjectOperation("b"), route);
    }

    [Fact]
    public void Bucket_POST_without_a_form_is_MalformedPOSTRequest()
    {
        var error = Assert.Throws<S3Exception>(() => Route("POST", "/b", "", null));
        Assert.Equal("MalformedPOSTRequest", error.Error.Code);
        Assert.Equal(400, error.Error.Status);
    }

    [Fact]
    public void A_preflight_names_its_bucket_and_key_whatever_the_query()
    {
        Assert.Equal(new OptionsObjectOperation("b", "a/k"), Route("OPTIONS", "/b/a/k", "X-Amz-Signature=abc", null));
        Assert.Equal(new OptionsObjectOperation("b", null), Route("OPTIONS", "/b", "cors", null));
        Assert.Equal("MethodNotAllowed", Assert.Throws<S3Exception>(() => Route("OPTIONS", "/", "", null)).Error.Code);
    }

    [Theory]
    [InlineData("logging")]
    [InlineData("notification")]
    public void DELETE_of_a_subresource_S3_has_no_delete_for_is_MethodNotAllowed_never_DeleteBucket(string subresource)
    {
        Assert.Equal("MethodNotAllowed", Assert.Throws<S3Exception>(() => Route("DELETE", "/b", subresource, null)).Error.Code);
    }

    [Fact]
    public void Unknown_method_is_MethodNotAllowed()
    {
        var error = Assert.Throws<S3Exception>(() => Route("PATCH", "/b/k", "", null));
        Assert.Equal("MethodNotAllowed", error.Error.Code);
    }

    [Fact]
    public void Listing_parameters_are_parsed_into_the_operation()
    {
        var v2 = Assert.IsType<ListObjectsV2Operation>(
            Route("GET", "/b", "list-type=2&prefix=p%2F&delimiter=%2F&max-keys=5000&start-after=s&fetch-owner=true&encoding-type=url", null));
        Assert.Equal(new ListObjectsV2Operation("b", "p/", "/", null, "s", "s", 1000, true, true), v2);

        var token = ContinuationToken.Encode("resume-here");
        var resumed = Assert.IsType<ListObjectsV2Operation>(Route("GET", "/b", "list-type=2&start-after=s&continuation-token=" + token, null));
        Assert.Equal("resume-here", resumed.After);
        Assert.Equal(token, resumed.ContinuationToken);

        var v1 = Assert.IsType<ListObjectsOperation>(Route("GET", "/b", "marker=m&max-keys=3", null));
        Assert.Equal(new ListObjectsOperation("b", "", null, "m", 3, false), v1);

        var uploads = Assert.IsType<ListMultipartUploadsOperation>(Route("GET", "/b", "uploads&key-marker=k&upload-id-marker=u&max-uploads=7", null));
        Assert.Equal(new ListMultipartUploadsOperation("b", "", null, "k", "u", 7, false), uploads);

        var buckets = Assert.IsType<ListBucketsOperation>(Route("GET", "/", "prefix=a&max-buckets=2&continuation-token=" + ContinuationToken.Encode("a1"), null));
        Assert.Equal(new ListBucketsOperation("a", 2, "a1"), buckets);
    }

    [Fact]
    public void Object_parameters_are_parsed_into_the_operation()
    {
        var get = Assert.IsType<GetObjectOperation>(Route("GET", "/b/k", "versionId=v1&partNumber=2&response-content-type=text%2Fplain&response-cache-control=no-cache", null));
        Assert.Equal("v1", get.VersionId);
        Assert.Equal(2, get.PartNumber);
        Assert.Equal("text/plain", get.Overrides.ContentType);
        Assert.Equal("no-cache", get.Overrides.CacheControl);
        Assert.Null(get.Overrides.Expires);

        Assert.Equal(new UploadPartOperation("b", "k", "u", 9), Route("PUT", "/b/k", "partNumber=9&uploadId=u", null));
        Assert.Equal(new ListPartsOperation("b", "k", "u", 4, 1000), Route("GET", "/b/k", "uploadId=u&part-number-marker=4&max-parts=99999", null));
        Assert.Equal(new DeleteObjectOperation("b", "k", "v"), Route("DELETE", "/b/k", "versionId=v", null));
        Assert.Equal(new AbortMultipartUploadOperation("b", "k", "u"), Route("DELETE", "/b/k", "uploadId=u", null));

        var copy = Assert.IsType<CopyObjectOperation>(Route("PUT", "/b/k", "", "/src/a%20b?versionId=3"));
        Assert.Equal(new CopySource("src", "a b", "3"), copy.Source);
        Assert.Equal(MetadataDirective.Copy, copy.Directive);
    }

    [Theory]
    [InlineData("GET", "/b", "max-keys=abc", "InvalidArgument")]
    [InlineData("GET", "/b", "list-type=2&continuation-token=%25%25", "InvalidArgument")]
    [InlineData("GET", "/b", "encoding-type=base64", "InvalidArgument")]
    [InlineData("GET", "/", "max-buckets=0", "InvalidArgument")]
    [InlineData("GET", "/b/k", "partNumber=0", "InvalidArgument")]
    [InlineData("GET", "/b/k", "partNumber=10001", "InvalidArgument")]
    [InlineData("PUT", "/b/k", "partNumber=x&uploadId=u", "InvalidArgument")]
    [InlineData("PUT", "/b/k", "partNumber=1", "NoSuchUpload")]
    [InlineData("POST", "/b/k", "uploadId=", "NoSuchUpload")]
    [InlineData("GET", "/b/k", "uploadId=u&part-number-marker=-1", "InvalidArgument")]
    public void Bad_parameters_are_refused_by_the_router_with_S3s_code(string method, string path, string query, string code)
    {
        var error = Assert.Throws<S3Exception>(() => Route(method, path, query, null));
        Assert.Equal(code, error.Error.Code);
    }

    [Fact]
    public void Acl_headers_are_parsed_into_write_operations()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-amz-acl"] = "public-read";
        var put = Assert.IsType<PutObjectOperation>(S3Router.Route("PUT", S3RequestTarget.Parse("/b/k", "h", null), context.Request.Query, context.Request.Headers));
        Assert.Equal("public-read", put.Acl!.Canned);

        context.Request.Headers.Remove("x-amz-acl");
        context.Request.Headers["x-amz-grant-read"] = "id=\"111122223333\", uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"";
        context.Request.Headers["x-amz-object-ownership"] = "ObjectWriter";
        var create = Assert.IsType<CreateBucketOperation>(S3Router.Route("PUT", S3RequestTarget.Parse("/b", "h", null), context.Request.Query, context.Request.Headers));
        Assert.Equal(2, create.Acl!.Grants!.Count);
        Assert.Equal(Nuage.Iam.Acls.ObjectOwnership.ObjectWriter, create.Ownership);
    }

    [Theory]
    [InlineData("x-amz-acl", "public-everything", "InvalidArgument")]
    [InlineData("x-amz-grant-read", "id=\"not-an-account\"", "InvalidArgument")]
    [InlineData("x-amz-object-ownership", "Nobody", "InvalidArgument")]
    public void Bad_acl_headers_are_refused_by_the_router(string header, string value, string code)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;
        var target = S3RequestTarget.Parse("/b", "h", null);
        var error = Record.Exception(() => S3Router.Route("PUT", target, context.Request.Query, context.Request.Headers));
        var actual = error switch
        {
            S3Exception s => s.Error.Code,
            Nuage.Iam.Acls.AclException a => S3ErrorMapper.Map(a.Code).Code,
            _ => "none",
        };
        Assert.Equal(code, actual);
    }

    [Fact]
    public void Canned_and_grant_headers_together_are_InvalidRequest()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-amz-acl"] = "private";
        context.Request.Headers["x-amz-grant-read"] = "id=\"111122223333\"";
        var error = Assert.Throws<Nuage.Iam.Acls.AclException>(
            () => S3Router.Route("PUT", S3RequestTarget.Parse("/b/k", "h", null), context.Request.Query, context.Request.Headers));
        Assert.Equal("InvalidRequest", S3ErrorMapper.Map(error.Code).Code);
    }

    [Fact]
    public void Bad_copy_headers_are_refused_by_the_router()
    {
        Assert.Equal("InvalidArgument", Assert.Throws<S3Exception>(() => Route("PUT", "/b/k", "", "nokey")).Error.Code);
        var context = new DefaultHttpContext();
        context.Request.Headers["x-amz-copy-source"] = "src/k";
        context.Request.Headers["x-amz-metadata-directive"] = "MERGE";
        var target = S3RequestTarget.Parse("/b/k", "localhost", null);
        var error = Assert.Throws<S3Exception>(() => S3Router.Route("PUT", target, context.Request.Query, context.Request.Headers));
        Assert.Equal("InvalidArgument", error.Error.Code);

        context.Request.Headers.Remove("x-amz-metadata-directive");
        context.Request.Headers["x-amz-copy-source-range"] = "bytes=9-1";
        target = S3RequestTarget.Parse("/b/k?partNumber=1&uploadId=u", "localhost", null);
        context.Request.QueryString = new QueryString("?partNumber=1&uploadId=u");
        error = Assert.Throws<S3Exception>(() => S3Router.Route("PUT", target, context.Request.Query, context.Request.Headers));
        Assert.Equal("InvalidArgument", error.Error.Code);
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

    private static S3Operation Route(string method, string path, string query, string? copySource)
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
