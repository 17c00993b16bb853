using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// Conditional deletes (AWS "How to perform conditional deletes", 2025), decided in the commit transaction: If-Match
/// with an ETag deletes only that object (412 PreconditionFailed otherwise), If-Match: * only an existing one, and
/// either answers 404 NoSuchKey for a missing key; DeleteObjects takes an ETag per key and reports each failure.
/// The directory-bucket conditions (size, last-modified time) are refused, never ignored.
/// </summary>
public sealed class ConditionalDeleteTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task If_match_with_the_current_etag_deletes_and_with_another_keeps_the_object()
    {
        var bucket = await fixture.CreateBucketAsync("cond-delete");
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v1" });

        var stale = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = "\"0123456789abcdef0123456789abcdef\"" }));
        Assert.Equal((HttpStatusCode.PreconditionFailed, "PreconditionFailed"), (stale.StatusCode, stale.ErrorCode));
        using (var still = await _s3.GetObjectAsync(bucket, "k"))
        {
            Assert.Equal("v1", await new StreamReader(still.ResponseStream).ReadToEndAsync());
        }

        var deleted = await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = put.ETag });
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectMetadataAsync(bucket, "k"));
    }

    [Fact]
    public async Task If_match_star_deletes_an_existing_object_and_answers_no_such_key_for_a_missing_one()
    {
        var bucket = await fixture.CreateBucketAsync("cond-delete-star");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v" });

        var deleted = await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = "*" });
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);

        foreach (var ifMatch in new[] { "*", "\"0123456789abcdef0123456789abcdef\"" })
        {
            var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
                _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = ifMatch }));
            Assert.Equal((HttpStatusCode.NotFound, "NoSuchKey"), (missing.StatusCode, missing.ErrorCode));
        }

        // Without a condition, deleting a missing key still succeeds (DeleteObject is idempotent).
        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteObjectAsync(bucket, "k")).HttpStatusCode);
    }

    /// <summary>
    /// Size and last-modified-time conditions are directory-bucket features (API reference, DeleteObject and
    /// ObjectIdentifier); a general purpose bucket refuses them instead of deleting while ignoring them.
    /// </summary>
    [Theory]
    [InlineData("x-amz-if-match-size", "9999")]
    [InlineData("x-amz-if-match-last-modified-time", "Thu, 01 Jan 2015 00:00:00 GMT")]
    public async Task Size_and_last_modified_time_conditions_are_refused_and_the_object_kept(string header, string value)
    {
        var bucket = await fixture.CreateBucketAsync("cond-delete-dirbucket");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "kept" });

        using var refused = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Delete, $"/{bucket}/k", headers: new Dictionary<string, string> { [header] = value });
        await RawS3.AssertErrorAsync(refused, HttpStatusCode.NotImplemented, "NotImplemented");
        Assert.Equal(4, (await _s3.GetObjectMetadataAsync(bucket, "k")).ContentLength);
    }

    [Theory]
    [InlineData("<Size>9999</Size>")]
    [InlineData("<LastModifiedTime>2015-01-01T00:00:00Z</LastModifiedTime>")]
    public async Task Delete_objects_refuses_size_and_last_modified_time_conditions(string condition)
    {
        var bucket = await fixture.CreateBucketAsync("cond-delete-many-dirbucket");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "kept" });

        var body = System.Text.Encoding.UTF8.GetBytes($"<Delete><Object><Key>k</Key>{condition}</Object></Delete>");
        using var refused = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Post, $"/{bucket}", [("delete", "")], body,
            new Dictionary<string, string> { ["Content-MD5"] = TestBytes.Md5Base64(body) });
        await RawS3.AssertErrorAsync(refused, HttpStatusCode.NotImplemented, "NotImplemented");
        Assert.Equal(4, (await _s3.GetObjectMetadataAsync(bucket, "k")).ContentLength);
    }

    [Fact]
    public async Task Delete_objects_checks_each_keys_etag_and_deletes_the_others()
    {
        var bucket = await fixture.CreateBucketAsync("cond-delete-many");
        var a = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "a" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "b", ContentBody = "b" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "plain", ContentBody = "p" });

        // The SDK raises a DeleteObjectsException whose Response is the document when any key failed.
        var failed = await Assert.ThrowsAsync<DeleteObjectsException>(() => _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects =
            [
                new KeyVersion { Key = "a", ETag = a.ETag },
                new KeyVersion { Key = "b", ETag = "\"0123456789abcdef0123456789abcdef\"" },
                new KeyVersion { Key = "missing", ETag = "\"0123456789abcdef0123456789abcdef\"" },
                new KeyVersion { Key = "plain" },
            ],
        }));
        var response = failed.Response;

        Assert.Equal(["a", "plain"], response.DeletedObjects.Select(d => d.Key).Order(StringComparer.Ordinal));
        var errors = response.DeleteErrors.ToDictionary(e => e.Key, e => e.Code);
        Assert.Equal("PreconditionFailed", errors["b"]);
        Assert.Equal("NoSuchKey", errors["missing"]);
        var left = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(["b"], left.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task A_delete_conditioned_on_an_etag_also_needs_get_object()
    {
        var account = await TestAccount.CreateAsync(fixture, "conddelete");
        using var owner = account.S3(fixture);
        var bucket = fixture.NewBucketName("cond-delete-perm");
        await owner.PutBucketAsync(bucket);
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";
        using var deleter = await account.UserAsync(fixture, "deleter", policy);
        var put = await owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v" });

        var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            deleter.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = put.ETag }));
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (denied.StatusCode, denied.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetObjectMetadataAsync(bucket, "k")).HttpStatusCode);

        var deleted = await deleter.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = "*" });
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
    }
}
