using System.Net;
using Amazon.Runtime;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Cli;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;
using static Nuage.Integration.Tests.Iam.IamUsersWithKeys;

namespace Nuage.Integration.Tests.Iam;

/// <summary>
/// Issue 13: permissions boundaries ("Permissions boundaries for IAM entities") set with `aws iam` on users and
/// roles, enforced on S3: allowed where both the identity policy and the boundary allow, AccessDenied where only the
/// identity policy does; a bucket policy naming the user directly is not limited by the boundary.
/// </summary>
public sealed class PermissionsBoundaryTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const string Trust = IamUsersWithKeys.OperatorTrust;
    private readonly AwsCli _aws = new(fixture.Endpoint);

    [Fact]
    public async Task A_user_limited_by_a_boundary_may_do_only_what_both_allow()
    {
        var bucket = await fixture.CreateBucketAsync("boundary-user");
        var cap = await ReadOnlyBoundaryAsync(bucket);
        var user = Name("bounded");
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user, "--permissions-boundary", cap);
        await _aws.SucceedAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "all-s3", "--policy-document", Allow("s3:*", "*"));
        var described = IamCliTests.Json(await _aws.SucceedAsync("iam", "get-user", "--user-name", user)).GetProperty("User").GetProperty("PermissionsBoundary");
        Assert.Equal(("PermissionsBoundaryPolicy", cap), (described.GetProperty("PermissionsBoundaryType").GetString(), described.GetProperty("PermissionsBoundaryArn").GetString()));
        using var s3 = await S3Async(fixture, _aws, user);

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => s3.PutObjectAsync(Put(bucket, "k")));
        using (var root = fixture.CreateS3Client())
        {
            await root.PutObjectAsync(Put(bucket, "k"));
        }

        (await s3.GetObjectAsync(bucket, "k")).Dispose();
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => s3.ListBucketsAsync());

        // Without the boundary the identity policy alone decides; with it back, the cap is back at once.
        await _aws.SucceedAsync("iam", "delete-user-permissions-boundary", "--user-name", user);
        Assert.False(IamCliTests.Json(await _aws.SucceedAsync("iam", "get-user", "--user-name", user)).GetProperty("User").TryGetProperty("PermissionsBoundary", out _));
        await s3.PutObjectAsync(Put(bucket, "k2"));
        await _aws.SucceedAsync("iam", "put-user-permissions-boundary", "--user-name", user, "--permissions-boundary", cap);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => s3.PutObjectAsync(Put(bucket, "k3")));

        Assert.Equal(1, IamCliTests.Json(await _aws.SucceedAsync("iam", "get-policy", "--policy-arn", cap)).GetProperty("Policy").GetProperty("PermissionsBoundaryUsageCount").GetInt32());
        var inUse = await _aws.RunAsync("iam", "delete-policy", "--policy-arn", cap);
        Assert.Contains("DeleteConflict", inUse.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bucket_policy_naming_the_user_is_not_limited_by_the_boundary()
    {
        var bucket = await fixture.CreateBucketAsync("boundary-grant");
        var cap = await ReadOnlyBoundaryAsync(bucket);
        var user = Name("granted");
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user, "--permissions-boundary", cap);
        using (var root = fixture.CreateS3Client())
        {
            await root.PutBucketPolicyAsync(new PutBucketPolicyRequest
            {
                BucketName = bucket,
                Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/" + user
                    + "\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}",
            });
        }

        using var s3 = await S3Async(fixture, _aws, user);
        await s3.PutObjectAsync(Put(bucket, "by-bucket-policy"));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => s3.DeleteObjectAsync(bucket, "by-bucket-policy"));
    }

    [Fact]
    public async Task A_role_boundary_caps_every_session_of_the_role()
    {
        var bucket = await fixture.CreateBucketAsync("boundary-role");
        var cap = await ReadOnlyBoundaryAsync(bucket);
        var role = Name("bounded-role");
        var created = IamCliTests.Json(await _aws.SucceedAsync(
            "iam", "create-role", "--role-name", role, "--assume-role-policy-document", Trust, "--permissions-boundary", cap));
        Assert.Equal(cap, created.GetProperty("Role").GetProperty("PermissionsBoundary").GetProperty("PermissionsBoundaryArn").GetString());
        await _aws.SucceedAsync("iam", "put-role-policy", "--role-name", role, "--policy-name", "all-s3", "--policy-document", Allow("s3:*", "*"));
        var c = IamCliTests.Json(await _aws.SucceedAsync(
            "sts", "assume-role", "--role-arn", $"arn:aws:iam::000000000000:role/{role}", "--role-session-name", "capped")).GetProperty("Credentials");
        using var s3 = fixture.Server.CreateS3Client(new SessionAWSCredentials(
            c.GetProperty("AccessKeyId").GetString(), c.GetProperty("SecretAccessKey").GetString(), c.GetProperty("SessionToken").GetString()));

        await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => s3.PutObjectAsync(Put(bucket, "k")));
        await _aws.SucceedAsync("iam", "delete-role-permissions-boundary", "--role-name", role);
        await s3.PutObjectAsync(Put(bucket, "k"));
    }

    [Fact]
    public async Task A_boundary_must_be_one_of_the_accounts_managed_policies()
    {
        var user = Name("nobound");
        var unknown = await _aws.RunAsync("iam", "create-user", "--user-name", user, "--permissions-boundary", "arn:aws:iam::000000000000:policy/" + Name("none"));
        Assert.Contains("NoSuchEntity", unknown.StandardError, StringComparison.Ordinal);
        Assert.Contains("NoSuchEntity", (await _aws.RunAsync("iam", "get-user", "--user-name", user)).StandardError, StringComparison.Ordinal);
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user);
        var put = await _aws.RunAsync("iam", "put-user-permissions-boundary", "--user-name", user, "--permissions-boundary", "arn:aws:iam::000000000000:policy/" + Name("none"));
        Assert.Contains("NoSuchEntity", put.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _aws.Dispose();

    /// <summary>A managed policy allowing reads of <paramref name="bucket"/> only: the boundary the tests set.</summary>
    private async Task<string> ReadOnlyBoundaryAsync(string bucket)
    {
        var document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::"
            + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]}]}";
        return IamCliTests.Json(await _aws.SucceedAsync("iam", "create-policy", "--policy-name", Name("cap"), "--policy-document", document))
            .GetProperty("Policy").GetProperty("Arn").GetString()!;
    }

    private static PutObjectRequest Put(string bucket, string key) => new() { BucketName = bucket, Key = key, ContentBody = "x" };
}
