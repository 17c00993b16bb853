using System.Net;
using System.Text.Json;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Cli;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;
using static Nuage.Integration.Tests.Iam.IamUsersWithKeys;

namespace Nuage.Integration.Tests.Iam;

/// <summary>
/// Issue 13: IAM tags through `aws iam` (tag-user, list-user-tags, untag-user, the role twins, --tags on create),
/// IAM's limits and errors, and tags in policies: aws:PrincipalTag/&lt;key&gt; on S3 and iam:ResourceTag/&lt;key&gt; on IAM.
/// </summary>
public sealed class IamTagsTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const string Trust = IamUsersWithKeys.OperatorTrust;
    private readonly AwsCli _aws = new(fixture.Endpoint);

    [Fact]
    public async Task User_tags_round_trip_through_awscli()
    {
        var user = Name("tagged");
        var created = IamCliTests.Json(await _aws.SucceedAsync("iam", "create-user", "--user-name", user, "--tags", "Key=team,Value=blue"));
        Assert.Equal([("team", "blue")], Tags(created.GetProperty("User")));

        // A key given again in another case replaces the tag; a new key is added; an empty value is a value.
        await _aws.SucceedAsync("iam", "tag-user", "--user-name", user, "--tags", "Key=Team,Value=red", "Key=env,Value=");
        Assert.Equal([("env", ""), ("Team", "red")], Tags(IamCliTests.Json(await _aws.SucceedAsync("iam", "list-user-tags", "--user-name", user))));
        Assert.Equal([("Team", "red"), ("env", "")], Tags(IamCliTests.Json(await _aws.SucceedAsync("iam", "get-user", "--user-name", user)).GetProperty("User")));

        await _aws.SucceedAsync("iam", "untag-user", "--user-name", user, "--tag-keys", "ENV", "never-there");
        Assert.Equal([("Team", "red")], Tags(IamCliTests.Json(await _aws.SucceedAsync("iam", "list-user-tags", "--user-name", user))));

        var missing = await _aws.RunAsync("iam", "list-user-tags", "--user-name", Name("nobody"));
        Assert.Contains("NoSuchEntity", missing.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_tags_round_trip_through_awscli()
    {
        var role = Name("tagged-role");
        await _aws.SucceedAsync("iam", "create-role", "--role-name", role, "--assume-role-policy-document", Trust, "--tags", "Key=a,Value=1");
        await _aws.SucceedAsync("iam", "tag-role", "--role-name", role, "--tags", "Key=b,Value=2");
        Assert.Equal([("a", "1"), ("b", "2")], Tags(IamCliTests.Json(await _aws.SucceedAsync("iam", "list-role-tags", "--role-name", role))));
        await _aws.SucceedAsync("iam", "untag-role", "--role-name", role, "--tag-keys", "a");
        Assert.Equal([("b", "2")], Tags(IamCliTests.Json(await _aws.SucceedAsync("iam", "get-role", "--role-name", role)).GetProperty("Role")));
    }

    [Fact]
    public async Task Bad_tags_are_InvalidInput_and_the_fifty_first_is_LimitExceeded()
    {
        var user = Name("limits");
        var reserved = await _aws.RunAsync("iam", "create-user", "--user-name", user, "--tags", "Key=aws:team,Value=x");
        Assert.Contains("InvalidInput", reserved.StandardError, StringComparison.Ordinal);
        Assert.Contains("NoSuchEntity", (await _aws.RunAsync("iam", "get-user", "--user-name", user)).StandardError, StringComparison.Ordinal);

        await _aws.SucceedAsync("iam", "create-user", "--user-name", user);
        var longKey = await _aws.RunAsync("iam", "tag-user", "--user-name", user, "--tags", $"Key={new string('k', 129)},Value=x");
        Assert.Contains("InvalidInput", longKey.StandardError, StringComparison.Ordinal);
        var duplicate = await _aws.RunAsync("iam", "tag-user", "--user-name", user, "--tags", "Key=k,Value=1", "Key=K,Value=2");
        Assert.Contains("InvalidInput", duplicate.StandardError, StringComparison.Ordinal);

        await _aws.SucceedAsync(["iam", "tag-user", "--user-name", user, "--tags", .. Enumerable.Range(0, 50).Select(i => $"Key=k{i},Value=v")]);
        var over = await _aws.RunAsync("iam", "tag-user", "--user-name", user, "--tags", "Key=one-more,Value=v");
        Assert.Contains("LimitExceeded", over.StandardError, StringComparison.Ordinal);
        Assert.Equal(50, IamCliTests.Json(await _aws.SucceedAsync("iam", "list-user-tags", "--user-name", user, "--max-items", "100")).GetProperty("Tags").GetArrayLength());
    }

    [Fact]
    public async Task A_policy_on_aws_PrincipalTag_allows_only_while_the_user_carries_the_tag()
    {
        var bucket = await fixture.CreateBucketAsync("principal-tag");
        using (var root = fixture.CreateS3Client())
        {
            await root.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "for the blue team" });
        }

        var user = Name("blue");
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user, "--tags", "Key=team,Value=blue");
        await _aws.SucceedAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "by-tag", "--policy-document",
            Allow("s3:GetObject", $"arn:aws:s3:::{bucket}/*", ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}"));
        using var s3 = await S3Async(fixture, _aws, user);

        using (var got = await s3.GetObjectAsync(bucket, "k"))
        {
            Assert.Equal("for the blue team", await new StreamReader(got.ResponseStream).ReadToEndAsync());
        }

        await _aws.SucceedAsync("iam", "tag-user", "--user-name", user, "--tags", "Key=team,Value=red");
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => s3.GetObjectAsync(bucket, "k"));
        await _aws.SucceedAsync("iam", "untag-user", "--user-name", user, "--tag-keys", "team");
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => s3.GetObjectAsync(bucket, "k"));
        await _aws.SucceedAsync("iam", "tag-user", "--user-name", user, "--tags", "Key=team,Value=blue");
        (await s3.GetObjectAsync(bucket, "k")).Dispose();
    }

    [Fact]
    public async Task A_policy_on_iam_ResourceTag_limits_which_users_a_manager_may_act_on()
    {
        var manager = Name("manager");
        await _aws.SucceedAsync("iam", "create-user", "--user-name", manager);
        await _aws.SucceedAsync("iam", "put-user-policy", "--user-name", manager, "--policy-name", "managed-only", "--policy-document",
            Allow("iam:*", "arn:aws:iam::000000000000:user/*", ",\"Condition\":{\"StringEquals\":{\"iam:ResourceTag/managed-by\":\"" + manager + "\"}}"));
        var key = IamCliTests.Json(await _aws.SucceedAsync("iam", "create-access-key", "--user-name", manager)).GetProperty("AccessKey");
        using var asManager = _aws.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        var (mine, other) = (Name("mine"), Name("other"));
        await _aws.SucceedAsync("iam", "create-user", "--user-name", mine, "--tags", $"Key=managed-by,Value={manager}");
        await _aws.SucceedAsync("iam", "create-user", "--user-name", other, "--tags", "Key=managed-by,Value=someone-else");

        await asManager.SucceedAsync("iam", "tag-user", "--user-name", mine, "--tags", "Key=reviewed,Value=yes");
        Assert.Contains(("reviewed", "yes"), Tags(IamCliTests.Json(await asManager.SucceedAsync("iam", "list-user-tags", "--user-name", mine))));
        var denied = await asManager.RunAsync("iam", "list-user-tags", "--user-name", other);
        Assert.Contains("AccessDenied", denied.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _aws.Dispose();

    private static List<(string, string)> Tags(JsonElement holder) =>
        holder.TryGetProperty("Tags", out var tags)
            ? [.. tags.EnumerateArray().Select(t => (t.GetProperty("Key").GetString()!, t.GetProperty("Value").GetString()!))]
            : [];
}
