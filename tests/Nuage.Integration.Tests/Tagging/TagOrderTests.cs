using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Tagging;

/// <summary>
/// GetObjectTagging and GetBucketTagging answer the tag set sorted by key, whatever order it was given in, as
/// ceph/s3-tests' test_put_obj_with_tags expects of S3.
/// </summary>
public sealed class TagOrderTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Object_tags_come_back_sorted_by_key()
    {
        var bucket = await fixture.CreateBucketAsync("tag-order");

        // s3-tests' case: x-amz-tagging "foo=bar&bar=" on the PUT.
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "put", ContentBody = "x", TagSet = [new Tag { Key = "foo", Value = "bar" }, new Tag { Key = "bar", Value = "" }],
        });
        var fromPut = await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "put" });
        Assert.Equal([("bar", ""), ("foo", "bar")], fromPut.Tagging.Select(t => (t.Key, t.Value)));

        await _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket, Key = "put",
            Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "zeta", Value = "1" }, new Tag { Key = "Zeta", Value = "2" }, new Tag { Key = "alpha", Value = "3" }] },
        });
        var fromTagging = await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "put" });
        Assert.Equal(["Zeta", "alpha", "zeta"], fromTagging.Tagging.Select(t => t.Key));
    }

    [Fact]
    public async Task Bucket_tags_come_back_sorted_by_key()
    {
        var bucket = await fixture.CreateBucketAsync("btag-order");
        await _s3.PutBucketTaggingAsync(bucket, [new Tag { Key = "owner", Value = "ops" }, new Tag { Key = "env", Value = "prod" }, new Tag { Key = "app", Value = "web" }]);

        var got = await _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });

        Assert.Equal(["app", "env", "owner"], got.TagSet.Select(t => t.Key));
    }
}
