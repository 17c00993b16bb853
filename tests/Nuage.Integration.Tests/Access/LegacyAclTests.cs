using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Xunit;

namespace Nuage.Integration.Tests.Access;

/// <summary>
/// Issue 13, ACLs as tools written before 2023 use them (server started with --legacy-bucket-defaults): canned
/// ACLs and grants on buckets and objects, Get/Put*Acl, and the rule that disabling ACLs needs a private bucket ACL.
/// </summary>
public sealed class LegacyAclTests(LegacyBucketServerFixture fixture) : IClassFixture<LegacyBucketServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();
    private readonly Anonymous _anonymous = new(fixture.Endpoint);

    public void Dispose()
    {
        _s3.Dispose();
        _anonymous.Dispose();
    }

    [Fact]
    public async Task A_legacy_bucket_has_acls_enabled_and_no_block()
    {
        var bucket = await fixture.CreateBucketAsync("legacy");
        await S3Assert.FailsAsync("OwnershipControlsNotFoundError", HttpStatusCode.NotFound,
            () => _s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }));
        await S3Assert.FailsAsync("NoSuchPublicAccessBlockConfiguration", HttpStatusCode.NotFound,
            () => _s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task Public_read_bucket_acl_lets_anyone_list_and_private_objects_stay_private()
    {
        var bucket = fixture.NewBucketName("public-read");
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicRead });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "listed", ContentBody = "private bytes" });

        var (status, listing) = await _anonymous.GetTextAsync($"/{bucket}?list-type=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<Key>listed</Key>", listing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}/listed"));
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.PutAsync($"/{bucket}/new", [1]));
    }

    [Fact]
    public async Task Object_acl_grants_and_revokes_anonymous_reads()
    {
        var bucket = await fixture.CreateBucketAsync("object-acl");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "bytes", CannedACL = S3CannedACL.PublicRead });
        Assert.Equal((HttpStatusCode.OK, "bytes"), await _anonymous.GetTextAsync($"/{bucket}/k"));

        await _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "k", ACL = S3CannedACL.Private });
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}/k"));
        var acl = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "k" });
        Assert.Equal(S3Permission.FULL_CONTROL, Assert.Single(acl.Grants).Permission);

        // Overwriting the object gives the new one the default (private) ACL, not the old one's.
        await _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "k", ACL = S3CannedACL.PublicRead });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "new bytes" });
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}/k"));
    }

    [Fact]
    public async Task Acl_from_an_AccessControlPolicy_body_round_trips()
    {
        var bucket = await fixture.CreateBucketAsync("acl-body");
        var current = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        var policy = new S3AccessControlList { Owner = current.Owner, Grants = [.. current.Grants] };
        policy.Grants.Add(new S3Grant { Grantee = new S3Grantee { URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" }, Permission = S3Permission.READ });
        await _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, AccessControlPolicy = policy });

        var after = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        Assert.Equal(2, after.Grants.Count);
        Assert.Contains(after.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" && g.Permission == S3Permission.READ);
        Assert.Equal(HttpStatusCode.Forbidden, await _anonymous.GetAsync($"/{bucket}?list-type=2"));

        // ACLs cannot be disabled while the bucket ACL grants someone else.
        await S3Assert.FailsAsync("InvalidBucketAclWithObjectOwnership", HttpStatusCode.BadRequest,
            () => _s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
            {
                BucketName = bucket,
                OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerEnforced }] },
            }));
    }

    [Theory]
    [InlineData("x-amz-acl", "public-everything", "InvalidArgument")]
    [InlineData("x-amz-grant-read", "emailAddress=\"someone@example.com\"", "UnresolvableGrantByEmailAddress")]
    [InlineData("x-amz-grant-read", "id=\"not-an-account\"", "InvalidArgument")]
    public async Task Bad_acl_headers_are_refused_with_S3s_code(string header, string value, string code)
    {
        var bucket = await fixture.CreateBucketAsync("bad-acl");
        var request = new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" };
        request.Headers[header] = value;
        await S3Assert.FailsAsync(code, HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(request));
    }
}
