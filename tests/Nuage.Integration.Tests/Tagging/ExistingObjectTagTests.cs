using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Tagging;

/// <summary>
/// s3:ExistingObjectTag/&lt;key&gt; in identity and bucket policies ("Tagging and access control policies"): reads,
/// ACL reads and tag changes of an object are decided on the tags it has when the request arrives.
/// </summary>
public sealed class ExistingObjectTagTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task An_identity_policy_allows_only_objects_with_the_tag()
    {
        var account = await TestAccount.CreateAsync(fixture, "etag-user");
        using var root = account.S3(fixture);
        var bucket = fixture.NewBucketName("etag-user");
        await root.PutBucketAsync(bucket);
        await PutAsync(root, bucket, "public", Tag("security", "public"), Tag("foo", "bar"));
        await PutAsync(root, bucket, "private", Tag("security", "private"));
        await PutAsync(root, bucket, "untagged");
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectTagging","s3:PutObjectTagging","s3:GetObjectAcl"],"Resource":"arn:aws:s3:::"""
            + bucket + """/*","Condition":{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}}]}""";
        using var reader = await account.UserAsync(fixture, "reader", policy);

        using (var get = await reader.GetObjectAsync(bucket, "public"))
        {
            Assert.Equal(HttpStatusCode.OK, get.HttpStatusCode);
        }

        Assert.Equal(2, (await reader.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "public" })).Tagging.Count);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "public" })).HttpStatusCode);
        foreach (var key in new[] { "private", "untagged" })
        {
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.GetObjectAsync(bucket, key));
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key }));
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = key }));
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.PutObjectTaggingAsync(Tagging(bucket, key, Tag("security", "public"))));
        }

        // The decision reads the tags the object has now: once retagged, the object is out of the user's reach.
        await reader.PutObjectTaggingAsync(Tagging(bucket, "public", Tag("security", "private")));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.GetObjectAsync(bucket, "public"));
        await root.PutObjectTaggingAsync(Tagging(bucket, "private", Tag("security", "public")));
        using (var get = await reader.GetObjectAsync(bucket, "private"))
        {
            Assert.Equal(HttpStatusCode.OK, get.HttpStatusCode);
        }
    }

    [Fact]
    public async Task A_bucket_policy_grants_and_denies_on_existing_tags()
    {
        var owner = await TestAccount.CreateAsync(fixture, "etag-owner");
        var other = await TestAccount.CreateAsync(fixture, "etag-other");
        using var root = owner.S3(fixture);
        using var stranger = other.S3(fixture);
        var bucket = fixture.NewBucketName("etag-bucket");
        await root.PutBucketAsync(bucket);
        await PutAsync(root, bucket, "shared", Tag("share", "yes"));
        await PutAsync(root, bucket, "kept", Tag("share", "no"));
        await PutAsync(root, bucket, "secret", Tag("share", "yes"), Tag("class", "secret"));
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{other.Id}}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*",
               "Condition":{"StringEquals":{"s3:ExistingObjectTag/share":"yes"} } },
              {"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*",
               "Condition":{"StringEquals":{"s3:ExistingObjectTag/class":"secret"} } } ]}
            """;
        await root.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy });

        using (var get = await stranger.GetObjectAsync(bucket, "shared"))
        {
            Assert.Equal(HttpStatusCode.OK, get.HttpStatusCode);
        }

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => stranger.GetObjectAsync(bucket, "kept"));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => stranger.GetObjectAsync(bucket, "secret"));

        // The explicit deny binds the owner's root user too; its other objects stay readable.
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => root.GetObjectAsync(bucket, "secret"));
        using (var get = await root.GetObjectAsync(bucket, "kept"))
        {
            Assert.Equal(HttpStatusCode.OK, get.HttpStatusCode);
        }
    }

    private static Tag Tag(string key, string value) => new() { Key = key, Value = value };

    private static PutObjectTaggingRequest Tagging(string bucket, string key, params Tag[] tags) =>
        new() { BucketName = bucket, Key = key, Tagging = new Amazon.S3.Model.Tagging { TagSet = [.. tags] } };

    private static Task PutAsync(AmazonS3Client client, string bucket, string key, params Tag[] tags) =>
        client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key, TagSet = tags.Length == 0 ? null : [.. tags] });
}
