using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Tagging;

/// <summary>
/// Object tags through AWSSDK.S3: Put/Get/DeleteObjectTagging, x-amz-tagging on PUT, copy (COPY and REPLACE) and
/// multipart, x-amz-tagging-count, S3's limits and errors, and s3:PutObjectTagging.
/// </summary>
public sealed class ObjectTaggingTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Tags_round_trip_are_replaced_whole_and_deleted_without_changing_the_object()
    {
        var bucket = await fixture.CreateBucketAsync("otag-trip");
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "hello" });
        Assert.Empty(await TagsAsync(bucket, "k"));

        var tagged = await _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket, Key = "k", Tagging = new Amazon.S3.Model.Tagging { TagSet = [Tag("project", "blue sky"), Tag("phase", "1")] },
        });
        Assert.Equal(HttpStatusCode.OK, tagged.HttpStatusCode);
        Assert.Equal([("phase", "1"), ("project", "blue sky")], await TagsAsync(bucket, "k"));

        await _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket, Key = "k", Tagging = new Amazon.S3.Model.Tagging { TagSet = [Tag("owner", "ops")] },
        });
        Assert.Equal([("owner", "ops")], await TagsAsync(bucket, "k"));
        var head = await _s3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal((put.ETag, "hello".Length), (head.ETag, (int)head.ContentLength));

        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = bucket, Key = "k" })).HttpStatusCode);
        Assert.Empty(await TagsAsync(bucket, "k"));
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "none" }));
    }

    [Fact]
    public async Task Broken_tag_sets_are_InvalidTag_or_MalformedXML_and_change_nothing()
    {
        var bucket = await fixture.CreateBucketAsync("otag-bad");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x", TagSet = [Tag("a", "1")] });
        var eleven = Enumerable.Range(0, 11).Select(i => Tag("k" + i, "v")).ToList();
        List<Tag>[] broken = [eleven, [Tag("d", "1"), Tag("d", "2")], [Tag(new string('k', 129), "v")], [Tag("k", new string('v', 257))]];
        foreach (var tags in broken)
        {
            await S3Assert.FailsAsync("InvalidTag", HttpStatusCode.BadRequest, () => _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
            {
                BucketName = bucket, Key = "k", Tagging = new Amazon.S3.Model.Tagging { TagSet = tags },
            }));
        }

        var malformed = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, $"/{bucket}/k", [("tagging", "")], "<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>"u8.ToArray());
        await RawS3.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "MalformedXML");
        await S3Assert.FailsAsync("InvalidTag", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k2", ContentBody = "x", TagSet = eleven }));

        Assert.Equal([("a", "1")], await TagsAsync(bucket, "k"));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(bucket, "k2"));
    }

    [Fact]
    public async Task Tags_sent_with_a_put_are_counted_on_get_and_head_and_dropped_by_an_overwrite()
    {
        var bucket = await fixture.CreateBucketAsync("otag-put");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x", TagSet = [Tag("a b", "c/d"), Tag("e", "")] });
        Assert.Equal([("a b", "c/d"), ("e", "")], await TagsAsync(bucket, "k"));
        using (var get = await _s3.GetObjectAsync(bucket, "k"))
        {
            Assert.Equal(2, get.TagCount);
        }

        var head = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Head, $"/{bucket}/k");
        Assert.Equal("2", Assert.Single(head.Headers.GetValues("x-amz-tagging-count")));

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "y" });
        Assert.Empty(await TagsAsync(bucket, "k"));
        var untagged = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Head, $"/{bucket}/k");
        Assert.False(untagged.Headers.Contains("x-amz-tagging-count"));
    }

    [Fact]
    public async Task A_copy_keeps_the_source_tags_unless_the_directive_is_REPLACE()
    {
        var bucket = await fixture.CreateBucketAsync("otag-copy");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "src", ContentBody = "x", TagSet = [Tag("from", "source")] });

        await _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "copied" });
        Assert.Equal([("from", "source")], await TagsAsync(bucket, "copied"));

        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "replaced",
            TaggingDirective = TaggingDirective.REPLACE, TagSet = [Tag("from", "request")],
        });
        Assert.Equal([("from", "request")], await TagsAsync(bucket, "replaced"));

        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "cleared", TaggingDirective = TaggingDirective.REPLACE,
        });
        Assert.Empty(await TagsAsync(bucket, "cleared"));
    }

    [Fact]
    public async Task Tags_given_to_a_multipart_upload_are_the_completed_objects()
    {
        var bucket = await fixture.CreateBucketAsync("otag-mpu");
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "mp", TagSet = [Tag("stage", "final")] });
        var part = await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[100]),
        });
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        Assert.Equal([("stage", "final")], await TagsAsync(bucket, "mp"));
    }

    [Fact]
    public async Task A_user_without_s3_PutObjectTagging_is_denied_and_one_with_it_may_tag()
    {
        var account = await TestAccount.CreateAsync(fixture, "otag-perm");
        using var root = account.S3(fixture);
        var bucket = fixture.NewBucketName("otag-perm");
        await root.PutBucketAsync(bucket);
        await root.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
        using var reader = await account.UserAsync(fixture, "reader", TestAccount.AllowPolicy("s3:GetObjectTagging", $"arn:aws:s3:::{bucket}/*"));
        using var tagger = await account.UserAsync(fixture, "tagger", TestAccount.AllowPolicy("s3:PutObjectTagging", $"arn:aws:s3:::{bucket}/*"));
        var request = new PutObjectTaggingRequest { BucketName = bucket, Key = "k", Tagging = new Amazon.S3.Model.Tagging { TagSet = [Tag("a", "1")] } };

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.PutObjectTaggingAsync(request));
        Assert.Equal(HttpStatusCode.OK, (await tagger.PutObjectTaggingAsync(request)).HttpStatusCode);
        Assert.Single((await reader.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "k" })).Tagging);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => tagger.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = bucket, Key = "k" }));
    }

    [Fact]
    public async Task A_policy_can_require_the_tags_a_put_gives_through_s3_RequestObjectTag()
    {
        var account = await TestAccount.CreateAsync(fixture, "otag-cond");
        using var root = account.S3(fixture);
        var bucket = fixture.NewBucketName("otag-cond");
        await root.PutBucketAsync(bucket);
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::"""
            + bucket + """/*","Condition":{"StringEquals":{"s3:RequestObjectTag/team":"storage"}}}]}""";
        using var writer = await account.UserAsync(fixture, "writer", policy);

        await writer.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "ok", ContentBody = "x", TagSet = [Tag("team", "storage"), Tag("x", "y")] });
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "web", ContentBody = "x", TagSet = [Tag("team", "web")] }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "none", ContentBody = "x" }));
        Assert.Equal(2, (await root.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "ok" })).Tagging.Count);
    }

    private static Tag Tag(string key, string value) => new() { Key = key, Value = value };

    private async Task<List<(string Key, string Value)>> TagsAsync(string bucket, string key) =>
        ((await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key })).Tagging ?? [])
            .Select(t => (t.Key, t.Value)).ToList();
}
