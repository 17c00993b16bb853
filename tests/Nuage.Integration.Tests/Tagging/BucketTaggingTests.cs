using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Tagging;

/// <summary>Put/Get/DeleteBucketTagging through AWSSDK.S3: replace semantics, S3's errors and the s3:*BucketTagging permissions.</summary>
public sealed class BucketTaggingTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task A_tag_set_round_trips_is_replaced_and_deleted()
    {
        var bucket = await fixture.CreateBucketAsync("btag-trip");
        await S3Assert.FailsAsync("NoSuchTagSet", HttpStatusCode.NotFound, () => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));

        var put = await _s3.PutBucketTaggingAsync(bucket, [new Tag { Key = "project", Value = "blue sky" }, new Tag { Key = "cost-center", Value = "42" }]);
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        var got = (await _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet;
        Assert.Equal([("cost-center", "42"), ("project", "blue sky")], got.Select(t => (t.Key, t.Value)));

        // A put replaces the whole set: the earlier tags are gone.
        await _s3.PutBucketTaggingAsync(bucket, [new Tag { Key = "owner", Value = "ops" }]);
        var replaced = Assert.Single((await _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet);
        Assert.Equal(("owner", "ops"), (replaced.Key, replaced.Value));

        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteBucketTaggingAsync(bucket)).HttpStatusCode);
        await S3Assert.FailsAsync("NoSuchTagSet", HttpStatusCode.NotFound, () => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task Fifty_tags_fit_and_broken_sets_are_refused_without_change()
    {
        var bucket = await fixture.CreateBucketAsync("btag-bad");
        var fifty = Enumerable.Range(0, 50).Select(i => new Tag { Key = "k" + i, Value = "v" }).ToList();
        await _s3.PutBucketTaggingAsync(bucket, fifty);

        await S3Assert.FailsAsync("InvalidTag", HttpStatusCode.BadRequest, () => _s3.PutBucketTaggingAsync(bucket, [.. fifty, new Tag { Key = "k50", Value = "v" }]));
        await S3Assert.FailsAsync("InvalidTag", HttpStatusCode.BadRequest, () => _s3.PutBucketTaggingAsync(bucket, [new Tag { Key = "a", Value = "1" }, new Tag { Key = "a", Value = "2" }]));
        await S3Assert.FailsAsync("InvalidTag", HttpStatusCode.BadRequest, () => _s3.PutBucketTaggingAsync(bucket, [new Tag { Key = new string('k', 129), Value = "v" }]));
        var malformed = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("tagging", "")], "<Tagging><TagSet><Tag><Key>a</Key>"u8.ToArray());
        await RawS3.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "MalformedXML");

        Assert.Equal(50, (await _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet.Count);
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = fixture.NewBucketName("btag-none") }));
    }

    [Fact]
    public async Task A_user_needs_s3_PutBucketTagging_to_set_or_delete_and_s3_GetBucketTagging_to_read()
    {
        var account = await TestAccount.CreateAsync(fixture, "btag-perm");
        using var root = account.S3(fixture);
        var bucket = fixture.NewBucketName("btag-perm");
        await root.PutBucketAsync(bucket);
        using var reader = await account.UserAsync(fixture, "reader", TestAccount.AllowPolicy("s3:GetBucketTagging", "arn:aws:s3:::" + bucket));
        using var writer = await account.UserAsync(fixture, "writer", TestAccount.AllowPolicy("s3:PutBucketTagging", "arn:aws:s3:::" + bucket));
        List<Tag> tags = [new Tag { Key = "team", Value = "storage" }];

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.PutBucketTaggingAsync(bucket, tags));
        Assert.Equal(HttpStatusCode.OK, (await writer.PutBucketTaggingAsync(bucket, tags)).HttpStatusCode);
        Assert.Single((await reader.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.DeleteBucketTaggingAsync(bucket));
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteBucketTaggingAsync(bucket)).HttpStatusCode);
    }
}
