using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Iam;
using Nuage.Iam.Secrets;
using Nuage.Iam.Sessions;
using Nuage.Integration.Tests.Cli;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iam;

/// <summary>
/// `aws sts ...` and temporary credentials on S3: who each kind of key is, AssumeRole narrowed by the role's policy
/// and the session policy, GetSessionToken acting as the user, and tokens that are forged, expired (minted with the
/// server's identity.key, the test hook docs/iam-sts.md describes) or whose role is gone.
/// </summary>
public sealed class StsTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const string Operator = "000000000000";
    private const string Trust = IamUsersWithKeys.OperatorTrust;
    private readonly AwsCli _aws = new(fixture.Endpoint);

    [Fact]
    public async Task Get_caller_identity_names_root_user_and_role_session()
    {
        var root = IamCliTests.Json(await _aws.SucceedAsync("sts", "get-caller-identity"));
        Assert.Equal(($"arn:aws:iam::{Operator}:root", Operator), (root.GetProperty("Arn").GetString(), root.GetProperty("Account").GetString()));

        var (role, roleId) = await CreateRoleAsync("caller", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"}]}");
        var session = await AssumeAsync(role, "who-am-i");
        using var asRole = _aws.As(session.AccessKey, session.SecretKey, session.Token);
        var identity = IamCliTests.Json(await asRole.SucceedAsync("sts", "get-caller-identity"));
        Assert.Equal($"arn:aws:sts::{Operator}:assumed-role/{role}/who-am-i", identity.GetProperty("Arn").GetString());
        Assert.Equal(roleId + ":who-am-i", identity.GetProperty("UserId").GetString());
    }

    [Fact]
    public async Task Role_session_on_S3_is_bounded_by_the_role_policy_and_the_session_policy()
    {
        var allowed = await fixture.CreateBucketAsync("sts-allowed");
        var other = await fixture.CreateBucketAsync("sts-other");
        var (role, _) = await CreateRoleAsync("s3", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + allowed + "\",\"arn:aws:s3:::" + allowed + "/*\"]}]}");

        using (var s3 = Client(await AssumeAsync(role, "full")))
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = allowed, Key = "k", ContentBody = "by the role" });
            var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = other, Key = "k", ContentBody = "no" }));
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        var readOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        using (var s3 = Client(await AssumeAsync(role, "narrow", "--policy", readOnly)))
        {
            using var got = await s3.GetObjectAsync(allowed, "k");
            Assert.Equal("by the role", await new StreamReader(got.ResponseStream).ReadToEndAsync());
            var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = allowed, Key = "k2", ContentBody = "no" }));
            Assert.Equal("AccessDenied", denied.ErrorCode);
        }
    }

    [Fact]
    public async Task Session_token_of_a_user_acts_as_the_user()
    {
        var user = "sess-" + Guid.NewGuid().ToString("N")[..8];
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user);
        var key = IamCliTests.Json(await _aws.SucceedAsync("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey");
        using var asUser = _aws.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
        var c = IamCliTests.Json(await asUser.SucceedAsync("sts", "get-session-token", "--duration-seconds", "900")).GetProperty("Credentials");
        using var asSession = _aws.As(c.GetProperty("AccessKeyId").GetString()!, c.GetProperty("SecretAccessKey").GetString()!, c.GetProperty("SessionToken").GetString());

        var identity = IamCliTests.Json(await asSession.SucceedAsync("sts", "get-caller-identity"));
        Assert.Equal($"arn:aws:iam::{Operator}:user/{user}", identity.GetProperty("Arn").GetString());
        var again = await asSession.RunAsync("sts", "get-session-token");
        Assert.Contains("AccessDenied", again.StandardError, StringComparison.Ordinal);
        var tooLong = await asUser.RunAsync("sts", "get-session-token", "--duration-seconds", "129601");
        Assert.Contains("ValidationError", tooLong.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_expired_and_orphaned_tokens_are_refused()
    {
        var bucket = await fixture.CreateBucketAsync("sts-tokens");
        var (role, roleId) = await CreateRoleAsync("tokens", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        var session = await AssumeAsync(role, "good");
        var token = session.Token;
        var forged = new ImmutableCredentials(session.AccessKey, session.SecretKey, token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..]);

        using (var s3 = Client(forged))
        {
            var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
            Assert.Equal(("InvalidToken", HttpStatusCode.BadRequest), (e.ErrorCode, e.StatusCode));
        }

        using (var asForged = _aws.As(forged.AccessKey, forged.SecretKey, forged.Token))
        {
            Assert.Contains("InvalidClientTokenId", (await asForged.RunAsync("sts", "get-caller-identity")).StandardError, StringComparison.Ordinal);
        }

        var expired = MintExpired(role, roleId);
        using (var s3 = Client(expired))
        {
            var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
            Assert.Equal(("ExpiredToken", HttpStatusCode.BadRequest), (e.ErrorCode, e.StatusCode));
        }

        using (var asExpired = _aws.As(expired.AccessKey, expired.SecretKey, expired.Token))
        {
            Assert.Contains("ExpiredToken", (await asExpired.RunAsync("sts", "get-caller-identity")).StandardError, StringComparison.Ordinal);
        }

        using (var s3 = Client(session))
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
            await _aws.SucceedAsync("iam", "delete-role-policy", "--role-name", role, "--policy-name", "p");
            await _aws.SucceedAsync("iam", "delete-role", "--role-name", role);
            var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
            Assert.Equal("InvalidToken", e.ErrorCode);
        }
    }

    [Fact]
    public async Task Assume_role_is_refused_when_the_trust_policy_does_not_name_the_caller()
    {
        var user = "notrust-" + Guid.NewGuid().ToString("N")[..8];
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user);
        await _aws.SucceedAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "assume",
            "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
        var key = IamCliTests.Json(await _aws.SucceedAsync("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey");
        var role = "closed-" + Guid.NewGuid().ToString("N")[..8];
        await _aws.SucceedAsync("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/someone-else\"},\"Action\":\"sts:AssumeRole\"}]}");
        using var asUser = _aws.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        var denied = await asUser.RunAsync("sts", "assume-role", "--role-arn", $"arn:aws:iam::{Operator}:role/{role}", "--role-session-name", "try");
        Assert.Contains("AccessDenied", denied.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _aws.Dispose();

    private async Task<(string Name, string Id)> CreateRoleAsync(string purpose, string policy)
    {
        var name = purpose + "-" + Guid.NewGuid().ToString("N")[..8];
        var role = IamCliTests.Json(await _aws.SucceedAsync("iam", "create-role", "--role-name", name, "--assume-role-policy-document", Trust));
        await _aws.SucceedAsync("iam", "put-role-policy", "--role-name", name, "--policy-name", "p", "--policy-document", policy);
        return (name, role.GetProperty("Role").GetProperty("RoleId").GetString()!);
    }

    private async Task<ImmutableCredentials> AssumeAsync(string role, string sessionName, params string[] extra)
    {
        var c = IamCliTests.Json(await _aws.SucceedAsync(
            ["sts", "assume-role", "--role-arn", $"arn:aws:iam::{Operator}:role/{role}", "--role-session-name", sessionName, .. extra])).GetProperty("Credentials");
        return new ImmutableCredentials(c.GetProperty("AccessKeyId").GetString(), c.GetProperty("SecretAccessKey").GetString(), c.GetProperty("SessionToken").GetString());
    }

    private AmazonS3Client Client(ImmutableCredentials c) =>
        fixture.Server.CreateS3Client(new SessionAWSCredentials(c.AccessKey, c.SecretKey, c.Token));

    /// <summary>
    /// A role session that expired a minute ago, sealed with the server's own identity.key: STS's shortest session
    /// lasts 900 seconds, too long to wait for in a test (docs/iam-sts.md, "Testing expiry").
    /// </summary>
    private ImmutableCredentials MintExpired(string role, string roleId)
    {
        using var key = SecretSealer.LoadOrCreate(fixture.Server.DataDirectory);
        using var codec = new SessionTokenCodec(key);
        var now = DateTimeOffset.UtcNow;
        var claims = new SessionClaims
        {
            AccessKeyId = "ASIA" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
            SecretAccessKey = "expired-secret-0123456789abcdefghijklmnopq",
            AccountId = Operator,
            Kind = PrincipalKind.AssumedRole,
            RoleName = role,
            RoleArn = $"arn:aws:iam::{Operator}:role/{role}",
            RoleId = roleId,
            SessionName = "expired",
            IssuedAt = now.AddMinutes(-16),
            Expiration = now.AddMinutes(-1),
        };
        return new ImmutableCredentials(claims.AccessKeyId, claims.SecretAccessKey, codec.Seal(claims));
    }
}
