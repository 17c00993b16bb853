using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Access;

/// <summary>
/// Issue 13: bucket names are global across accounts (BucketAlreadyExists for another account's name), an
/// account sees only its own buckets, and an account-level Block Public Access binds every bucket it owns.
/// </summary>
public sealed class AccountIsolationTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_bucket_name_held_by_another_account_is_BucketAlreadyExists_end_to_end()
    {
        using var a = await NewAccountAsync("names-a");
        using var b = await NewAccountAsync("names-b");
        var bucket = fixture.NewBucketName("global-name");
        await a.S3.PutBucketAsync(bucket);

        await S3Assert.FailsAsync("BucketAlreadyExists", HttpStatusCode.Conflict, () => b.S3.PutBucketAsync(bucket));
        await S3Assert.FailsAsync("BucketAlreadyOwnedByYou", HttpStatusCode.Conflict, () => a.S3.PutBucketAsync(bucket));

        Assert.Contains(bucket, (await a.S3.ListBucketsAsync()).Buckets?.Select(x => x.BucketName) ?? []);
        Assert.DoesNotContain(bucket, (await b.S3.ListBucketsAsync()).Buckets?.Select(x => x.BucketName) ?? []);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => b.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => b.S3.DeleteBucketAsync(bucket));
    }

    [Fact]
    public async Task The_account_level_public_access_block_overrides_a_bucket_that_lifted_its_own()
    {
        using var owner = await NewAccountAsync("pab");
        var bucket = fixture.NewBucketName("account-pab");
        await owner.S3.PutBucketAsync(bucket);
        await owner.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "index.html", ContentBody = "public" });
        await owner.S3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket });
        await owner.S3.PutBucketPolicyAsync(new PutBucketPolicyRequest
        {
            BucketName = bucket,
            Policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""",
        });
        using var anonymous = new Anonymous(fixture.Endpoint);
        Assert.Equal(HttpStatusCode.OK, await anonymous.GetAsync($"/{bucket}/index.html"));

        // The account's root sets the account-level block through the admin API; it binds the bucket at once.
        (await owner.Admin.PutAsync($"/api/accounts/{owner.Name}/public-access-block", new { restrictPublicBuckets = true, blockPublicPolicy = true }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, await anonymous.GetAsync($"/{bucket}/index.html"));
        var read = (await owner.Admin.GetAsync($"/api/accounts/{owner.Name}/public-access-block")).Expect(HttpStatusCode.OK);
        Assert.True(read.Json.GetProperty("restrictPublicBuckets").GetBoolean());
        Assert.False(read.Json.GetProperty("ignorePublicAcls").GetBoolean());

        (await owner.Admin.DeleteAsync($"/api/accounts/{owner.Name}/public-access-block")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.OK, await anonymous.GetAsync($"/{bucket}/index.html"));
        (await owner.Admin.GetAsync($"/api/accounts/{owner.Name}/public-access-block")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    private async Task<AccountSession> NewAccountAsync(string purpose)
    {
        var account = await TestAccount.CreateAsync(fixture, purpose);
        return new AccountSession(account.Name, account.S3(fixture), account.Admin(fixture));
    }

    private sealed record AccountSession(string Name, AmazonS3Client S3, AdminApi Admin) : IDisposable
    {
        public void Dispose()
        {
            S3.Dispose();
            Admin.Dispose();
        }
    }
}
