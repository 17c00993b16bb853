using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Listing details that ceph/s3-tests checks against S3's behaviour.</summary>
public sealed class ListingEdgeTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Max_keys_zero_answers_an_empty_page_that_is_not_truncated()
    {
        var bucket = await fixture.CreateBucketAsync("maxkeys-zero");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x" });

        var v2 = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 0 });
        Assert.Empty(v2.S3Objects ?? []);
        Assert.False(v2.IsTruncated ?? true);

        var v1 = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, MaxKeys = 0 });
        Assert.Empty(v1.S3Objects ?? []);
        Assert.False(v1.IsTruncated ?? true);
    }

    [Fact]
    public async Task Url_encoding_keeps_slashes_and_escapes_what_xml_cannot_carry()
    {
        var bucket = await fixture.CreateBucketAsync("url-slash");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "dir/a b\n", ContentBody = "x" });

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + bucket,
            query: [new("list-type", "2"), new("encoding-type", "url"), new("prefix", "dir/"), new("delimiter", "/")]);
        var xml = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Key>dir/a%20b%0A</Key>", xml, StringComparison.Ordinal);
        Assert.Contains("<Prefix>dir/</Prefix>", xml, StringComparison.Ordinal);
        Assert.Contains("<Delimiter>/</Delimiter>", xml, StringComparison.Ordinal);
    }
}
