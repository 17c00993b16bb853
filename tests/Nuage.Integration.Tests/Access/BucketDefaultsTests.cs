using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Access;

/// <summary>
/// Issue 13: new buckets get S3's defaults since 2023 — ACLs disabled (BucketOwnerEnforced) and every Block Public
/// Access setting on — and bucket policies are the way to share, public only once the owner lifts the block.
/// </summary>
public sealed class BucketDefaultsTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();
    private readonly Anonymous _anonymous = new(fixture.Endpoint);

    public void Dispose()
    {
        _s3.Dispose();
        _anonymous.Dispose();
    }

    [Fact]
    public async Task A_new_bucket_has_acls_disabled_and_public_access_blocked()
    {
        var bucket = await fixture.CreateBucketAsync("defaults");

        var ownership = await _s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket });
        Assert.Equal(ObjectOwnership.BucketOwnerEnforced, Assert.Single(ownership.OwnershipControls.Rules).ObjectOwnership);
        var block = (await _s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket })).PublicAccessBlockConfiguration;
        Assert.True(block.BlockPublicAcls == true && block.IgnorePublicAcls == true && block.BlockPublicPolicy == true && block.RestrictPublicBuckets == true);

        var acl = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        var grant = Assert.Single(acl.Grants);
        Assert.Equal(S3Permission.FULL_CONTROL, grant.Permission);
        Assert.Equal(acl.Owner.Id, grant.Grantee.CanonicalUser);

        await S3Assert.FailsAsync("AccessControlListNotSupported", HttpStatusCode.BadRequest,
            () => _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead }));
        await S3Assert.FailsAsync("AccessControlListNotSupported", HttpStatusCode.BadRequest,
            () => _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x", CannedACL = S3CannedACL.PublicRead }));
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x", CannedACL = S3CannedACL.BucketOwnerFullControl });
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}/k"));

        // Even "private" is an ACL: with ACLs disabled only bucket-owner-full-control is accepted.
        await S3Assert.FailsAsync("AccessControlListNotSupported", HttpStatusCode.BadRequest,
            () => _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "p", ContentBody = "x", CannedACL = S3CannedACL.Private }));
        await S3Assert.FailsAsync("AccessControlListNotSupported", HttpStatusCode.BadRequest,
            () => _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.Private }));
        await S3Assert.FailsAsync("AccessControlListNotSupported", HttpStatusCode.BadRequest,
            () => _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "k", ACL = S3CannedACL.Private }));
    }

    [Fact]
    public async Task A_public_policy_is_refused_until_the_block_is_lifted_then_grants_anonymous_reads()
    {
        var bucket = await fixture.CreateBucketAsync("public-policy");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "site/index.html", ContentBody = "<h1>hi</h1>" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "private/secret", ContentBody = "no" });
        var policy = PublicReadPolicy(bucket, "site/*");

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }));
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}/site/index.html"));

        await _s3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket });
        await _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy });

        Assert.Equal((HttpStatusCode.OK, "<h1>hi</h1>"), await _anonymous.GetTextAsync($"/{bucket}/site/index.html"));
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}/private/secret"));
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.PutAsync($"/{bucket}/site/index.html", [1, 2, 3]));
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}?list-type=2"));
        Assert.Equal(policy, (await _s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy);
        Assert.True((await _s3.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = bucket })).PolicyStatus.IsPublic);

        // RestrictPublicBuckets alone takes the public grant away again, without touching the policy.
        await _s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { RestrictPublicBuckets = true },
        });
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}/site/index.html"));
        Assert.Equal(HttpStatusCode.OK, (await _s3.GetObjectAsync(bucket, "site/index.html")).HttpStatusCode);

        await _s3.DeleteBucketPolicyAsync(bucket);
        await AssertNoPolicyAsync(bucket);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::another-bucket/*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:Fly","Resource":"arn:aws:s3:::BUCKET/*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}""")]
    public async Task A_malformed_bucket_policy_is_MalformedPolicy_and_nothing_is_stored(string policy)
    {
        var bucket = await fixture.CreateBucketAsync("malformed-policy");
        await S3Assert.FailsAsync("MalformedPolicy", HttpStatusCode.BadRequest,
            () => _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy.Replace("BUCKET", bucket, StringComparison.Ordinal) }));
        await AssertNoPolicyAsync(bucket);
    }

    [Theory]
    [InlineData("arn:aws:s3:::*")]
    [InlineData("arn:aws:s3:::*/*")]
    [InlineData("arn:aws:s3:::wild*-policy-*/*")]
    public async Task A_resource_whose_wildcards_cover_the_bucket_is_accepted(string resource)
    {
        // ceph/s3-tests test_bucket_policy_another_bucket: "arn:aws:s3:::*" names this bucket too.
        var bucket = await fixture.CreateBucketAsync("wild-policy");
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"{{resource}}"}]}""";
        await _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy });
        Assert.Equal(policy, (await _s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy);
        await S3Assert.FailsAsync("MalformedPolicy", HttpStatusCode.BadRequest, () => _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest
        {
            BucketName = bucket,
            Policy = policy.Replace(resource, "arn:aws:s3:::other-*", StringComparison.Ordinal),
        }));
    }

    [Fact]
    public async Task A_bucket_policy_over_20_KiB_is_refused()
    {
        var bucket = await fixture.CreateBucketAsync("large-policy");
        var resources = string.Join(",", Enumerable.Range(0, 700).Select(i => $"\"arn:aws:s3:::{bucket}/prefix-{i:D5}/*\""));
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":[{{resources}}]}]}""";
        Assert.True(policy.Length > 20 * 1024);
        var error = await S3Assert.FailsAsync("MalformedPolicy", HttpStatusCode.BadRequest,
            () => _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }));
        Assert.Contains("20 KB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deny_in_the_bucket_policy_binds_even_the_account_root_but_never_locks_it_out_of_the_policy()
    {
        var bucket = await fixture.CreateBucketAsync("deny-root");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
        var deny = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:GetObject","s3:*BucketPolicy"],"Resource":["arn:aws:s3:::{{bucket}}/*","arn:aws:s3:::{{bucket}}"]}]}""";
        await _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = deny });

        // The operator is the installation's superuser (docs/iam-policies.md); the deny still binds every other root.
        Assert.Equal(HttpStatusCode.OK, (await _s3.GetObjectAsync(bucket, "k")).HttpStatusCode);
        await _s3.DeleteBucketPolicyAsync(bucket);
    }

    [Fact]
    public async Task Ownership_controls_can_enable_acls_after_creation()
    {
        var bucket = await fixture.CreateBucketAsync("enable-acls");
        await _s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
        {
            BucketName = bucket,
            OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.ObjectWriter }] },
        });
        await _s3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "shared", ContentBody = "hello", CannedACL = S3CannedACL.PublicRead });

        Assert.Equal((HttpStatusCode.OK, "hello"), await _anonymous.GetTextAsync($"/{bucket}/shared"));
        var acl = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "shared" });
        Assert.Contains(acl.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers" && g.Permission == S3Permission.READ);

        await _s3.DeleteBucketOwnershipControlsAsync(new DeleteBucketOwnershipControlsRequest { BucketName = bucket });
        await S3Assert.FailsAsync("OwnershipControlsNotFoundError", HttpStatusCode.NotFound,
            () => _s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }));
    }

    /// <summary>
    /// GetBucketPolicy answers 404 NoSuchBucketPolicy. The AWS SDK for .NET does not raise that answer (it hands
    /// back the error body as the "policy"), so the raw answer is checked with a signed request.
    /// </summary>
    private async Task AssertNoPolicyAsync(string bucket)
    {
        using var http = new BadInput.SignedHttpClient(fixture.Endpoint);
        var response = await BadInput.BadInputAssert.SendAsync(http, http.Create(HttpMethod.Get, "/" + bucket, [("policy", "")]));
        BadInput.BadInputAssert.S3Error(response, 404, "NoSuchBucketPolicy");
    }

    private static string PublicReadPolicy(string bucket, string keys) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/{{keys}}"}]}""";
}
