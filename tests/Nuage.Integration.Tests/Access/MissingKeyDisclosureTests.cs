using System.Net;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Access;

/// <summary>
/// GetObject/HeadObject of a key that does not exist: "If you have the s3:ListBucket permission on the bucket,
/// Amazon S3 returns 404 (no such key); if you don't, 403 (access denied)" — a reader cannot probe which keys exist
/// without the right to list them, and one allowed to list a prefix learns what is missing there.
/// </summary>
public sealed class MissingKeyDisclosureTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_missing_key_is_404_with_ListBucket_and_403_without()
    {
        var created = await TestAccount.CreateAsync(fixture, "disclosure");
        using var root = created.S3(fixture);
        var bucket = fixture.NewBucketName("disclosure");
        await root.PutBucketAsync(bucket);
        await root.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "public/there", ContentBody = "x" });

        using var readerOnly = await created.UserAsync(fixture, "reader", $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""");
        var listPolicy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::{{bucket}}",""" +
            "\"Condition\":{\"StringLike\":{\"s3:prefix\":\"public/*\"}}}]}";
        using var lister = await created.UserAsync(fixture, "lister", listPolicy);

        // GetObject alone: an existing key reads, a missing one is AccessDenied, not NoSuchKey.
        Assert.Equal(HttpStatusCode.OK, (await readerOnly.GetObjectAsync(bucket, "public/there")).HttpStatusCode);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => readerOnly.GetObjectAsync(bucket, "public/missing"));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.Forbidden, () => readerOnly.GetObjectMetadataAsync(bucket, "public/missing"));

        // ListBucket on the prefix alone: a missing key under it is 404; an existing one is still refused to read.
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => lister.GetObjectMetadataAsync(bucket, "public/missing"));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.Forbidden, () => lister.GetObjectMetadataAsync(bucket, "private/missing"));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.Forbidden, () => lister.GetObjectMetadataAsync(bucket, "public/there"));

        // The owner's root lists everything: NoSuchKey.
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => root.GetObjectAsync(bucket, "anything"));
    }
}
