using System.Text.Json;
using Nuage.Integration.Tests.Cli;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iam;

/// <summary>
/// `aws iam ...` against the real server's S3 port (the SigV4 scope "iam" picks the IAM door): the everyday
/// management flows, authorization of IAM users by their policies, keys and users that stop working at once,
/// and bad policies refused with IAM's errors.
/// </summary>
public sealed class IamCliTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const string AllowS3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    private readonly AwsCli _aws = new(fixture.Endpoint);

    [Fact]
    public async Task Users_keys_groups_and_policies_round_trip()
    {
        var user = Name("user");
        var created = Json(await _aws.SucceedAsync("iam", "create-user", "--user-name", user, "--path", "/team/"));
        Assert.Equal($"arn:aws:iam::000000000000:user/team/{user}", created.GetProperty("User").GetProperty("Arn").GetString());
        var key = Json(await _aws.SucceedAsync("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey");
        var keyId = key.GetProperty("AccessKeyId").GetString()!;
        Assert.StartsWith("AKIA", keyId, StringComparison.Ordinal);
        Assert.Equal(40, key.GetProperty("SecretAccessKey").GetString()!.Length);

        await _aws.SucceedAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "inline", "--policy-document", AllowS3);
        var inline = Json(await _aws.SucceedAsync("iam", "get-user-policy", "--user-name", user, "--policy-name", "inline"));
        Assert.Equal("s3:*", inline.GetProperty("PolicyDocument").GetProperty("Statement")[0].GetProperty("Action").GetString());
        Assert.Equal(["inline"], Strings(await _aws.SucceedAsync("iam", "list-user-policies", "--user-name", user), "PolicyNames"));

        var policyName = Name("managed");
        var policyArn = Json(await _aws.SucceedAsync("iam", "create-policy", "--policy-name", policyName, "--policy-document", AllowS3))
            .GetProperty("Policy").GetProperty("Arn").GetString()!;
        await _aws.SucceedAsync("iam", "attach-user-policy", "--user-name", user, "--policy-arn", policyArn);
        var attached = Json(await _aws.SucceedAsync("iam", "list-attached-user-policies", "--user-name", user)).GetProperty("AttachedPolicies");
        Assert.Equal(policyArn, attached[0].GetProperty("PolicyArn").GetString());
        var entities = Json(await _aws.SucceedAsync("iam", "list-entities-for-policy", "--policy-arn", policyArn));
        Assert.Equal(user, entities.GetProperty("PolicyUsers")[0].GetProperty("UserName").GetString());
        Assert.Equal(1, Json(await _aws.SucceedAsync("iam", "get-policy", "--policy-arn", policyArn)).GetProperty("Policy").GetProperty("AttachmentCount").GetInt32());

        var group = Name("group");
        await _aws.SucceedAsync("iam", "create-group", "--group-name", group);
        await _aws.SucceedAsync("iam", "add-user-to-group", "--group-name", group, "--user-name", user);
        Assert.Equal(group, Json(await _aws.SucceedAsync("iam", "list-groups-for-user", "--user-name", user)).GetProperty("Groups")[0].GetProperty("GroupName").GetString());
        Assert.Equal(user, Json(await _aws.SucceedAsync("iam", "get-group", "--group-name", group)).GetProperty("Users")[0].GetProperty("UserName").GetString());
        Assert.Contains(user, Names(await _aws.SucceedAsync("iam", "list-users"), "Users", "UserName"));
        Assert.Contains(group, Names(await _aws.SucceedAsync("iam", "list-groups"), "Groups", "GroupName"));
        Assert.Contains(policyName, Names(await _aws.SucceedAsync("iam", "list-policies", "--scope", "Local"), "Policies", "PolicyName"));

        await _aws.SucceedAsync("iam", "update-access-key", "--user-name", user, "--access-key-id", keyId, "--status", "Inactive");
        var keys = Json(await _aws.SucceedAsync("iam", "list-access-keys", "--user-name", user)).GetProperty("AccessKeyMetadata");
        Assert.Equal("Inactive", keys[0].GetProperty("Status").GetString());

        var conflict = await _aws.RunAsync("iam", "delete-user", "--user-name", user);
        Assert.Contains("DeleteConflict", conflict.StandardError, StringComparison.Ordinal);

        await _aws.SucceedAsync("iam", "remove-user-from-group", "--group-name", group, "--user-name", user);
        await _aws.SucceedAsync("iam", "delete-group", "--group-name", group);
        await _aws.SucceedAsync("iam", "detach-user-policy", "--user-name", user, "--policy-arn", policyArn);
        await _aws.SucceedAsync("iam", "delete-policy", "--policy-arn", policyArn);
        await _aws.SucceedAsync("iam", "delete-user-policy", "--user-name", user, "--policy-name", "inline");
        await _aws.SucceedAsync("iam", "delete-access-key", "--user-name", user, "--access-key-id", keyId);
        await _aws.SucceedAsync("iam", "delete-user", "--user-name", user);
        Assert.DoesNotContain(user, Names(await _aws.SucceedAsync("iam", "list-users"), "Users", "UserName"));
        var gone = await _aws.RunAsync("iam", "get-user", "--user-name", user);
        Assert.Contains("NoSuchEntity", gone.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_versions_and_roles_round_trip()
    {
        var policyArn = Json(await _aws.SucceedAsync("iam", "create-policy", "--policy-name", Name("versions"), "--policy-document", AllowS3))
            .GetProperty("Policy").GetProperty("Arn").GetString()!;
        var v2 = Json(await _aws.SucceedAsync("iam", "create-policy-version", "--policy-arn", policyArn, "--policy-document", AllowS3.Replace("s3:*", "s3:GetObject", StringComparison.Ordinal), "--set-as-default"));
        Assert.Equal("v2", v2.GetProperty("PolicyVersion").GetProperty("VersionId").GetString());
        var got = Json(await _aws.SucceedAsync("iam", "get-policy-version", "--policy-arn", policyArn, "--version-id", "v2")).GetProperty("PolicyVersion");
        Assert.True(got.GetProperty("IsDefaultVersion").GetBoolean());
        Assert.Equal("s3:GetObject", got.GetProperty("Document").GetProperty("Statement")[0].GetProperty("Action").GetString());
        Assert.Equal(2, Json(await _aws.SucceedAsync("iam", "list-policy-versions", "--policy-arn", policyArn)).GetProperty("Versions").GetArrayLength());
        await _aws.SucceedAsync("iam", "set-default-policy-version", "--policy-arn", policyArn, "--version-id", "v1");
        await _aws.SucceedAsync("iam", "delete-policy-version", "--policy-arn", policyArn, "--version-id", "v2");
        await _aws.SucceedAsync("iam", "delete-policy", "--policy-arn", policyArn);

        var role = Name("role");
        var trust = IamUsersWithKeys.OperatorTrust;
        var made = Json(await _aws.SucceedAsync("iam", "create-role", "--role-name", role, "--assume-role-policy-document", trust, "--max-session-duration", "7200"));
        Assert.Equal(7200, made.GetProperty("Role").GetProperty("MaxSessionDuration").GetInt32());
        Assert.Equal("sts:AssumeRole", made.GetProperty("Role").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0].GetProperty("Action").GetString());
        await _aws.SucceedAsync("iam", "put-role-policy", "--role-name", role, "--policy-name", "p", "--policy-document", AllowS3);
        await _aws.SucceedAsync("iam", "update-assume-role-policy", "--role-name", role, "--policy-document", trust);
        Assert.Contains(role, Names(await _aws.SucceedAsync("iam", "list-roles"), "Roles", "RoleName"));
        Assert.Equal(["p"], Strings(await _aws.SucceedAsync("iam", "list-role-policies", "--role-name", role), "PolicyNames"));
        await _aws.SucceedAsync("iam", "delete-role-policy", "--role-name", role, "--policy-name", "p");
        await _aws.SucceedAsync("iam", "delete-role", "--role-name", role);
    }

    [Fact]
    public async Task A_user_may_do_what_its_policy_allows_and_nothing_else()
    {
        var user = Name("limited");
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user);
        await _aws.SucceedAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "read",
            "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"*\"}]}");
        using var asUser = await AsNewKeyAsync(user);

        Assert.Contains(user, Names(await asUser.SucceedAsync("iam", "list-users"), "Users", "UserName"));
        Assert.Equal(user, Json(await asUser.SucceedAsync("iam", "get-user")).GetProperty("User").GetProperty("UserName").GetString());
        var denied = await asUser.RunAsync("iam", "create-user", "--user-name", Name("nope"));
        Assert.Contains("AccessDenied", denied.StandardError, StringComparison.Ordinal);
        Assert.Contains("iam:CreateUser", denied.StandardError, StringComparison.Ordinal);
        var identity = Json(await asUser.SucceedAsync("sts", "get-caller-identity"));
        Assert.Equal($"arn:aws:iam::000000000000:user/{user}", identity.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task Deactivated_key_and_deleted_user_stop_working_at_once_on_S3_and_IAM()
    {
        var user = Name("leaver");
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user);
        await _aws.SucceedAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "all",
            "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"iam:GetUser\"],\"Resource\":\"*\"}]}");
        var key = Json(await _aws.SucceedAsync("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey");
        var keyId = key.GetProperty("AccessKeyId").GetString()!;
        using var asUser = _aws.As(keyId, key.GetProperty("SecretAccessKey").GetString()!);
        await asUser.SucceedAsync("s3api", "list-buckets");
        await asUser.SucceedAsync("iam", "get-user");

        await _aws.SucceedAsync("iam", "update-access-key", "--user-name", user, "--access-key-id", keyId, "--status", "Inactive");
        Assert.Contains("InvalidAccessKeyId", (await asUser.RunAsync("s3api", "list-buckets")).StandardError, StringComparison.Ordinal);
        Assert.Contains("InvalidClientTokenId", (await asUser.RunAsync("iam", "get-user")).StandardError, StringComparison.Ordinal);
        await _aws.SucceedAsync("iam", "update-access-key", "--user-name", user, "--access-key-id", keyId, "--status", "Active");
        await asUser.SucceedAsync("s3api", "list-buckets");

        await _aws.SucceedAsync("iam", "delete-access-key", "--user-name", user, "--access-key-id", keyId);
        await _aws.SucceedAsync("iam", "delete-user-policy", "--user-name", user, "--policy-name", "all");
        await _aws.SucceedAsync("iam", "delete-user", "--user-name", user);
        Assert.Contains("InvalidAccessKeyId", (await asUser.RunAsync("s3api", "list-buckets")).StandardError, StringComparison.Ordinal);
        Assert.Contains("InvalidClientTokenId", (await asUser.RunAsync("iam", "get-user")).StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_and_malformed_policies_are_refused_and_nothing_is_stored()
    {
        var user = Name("badpolicy");
        await _aws.SucceedAsync("iam", "create-user", "--user-name", user);
        var big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + new string('b', 2100) + "/*\"}]}";

        var tooBig = await _aws.RunAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "big", "--policy-document", big);
        Assert.Contains("LimitExceeded", tooBig.StandardError, StringComparison.Ordinal);
        var malformed = await _aws.RunAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "bad", "--policy-document", "{\"Statement\":[{\"Effect\":\"Perhaps\"}]}");
        Assert.Contains("MalformedPolicyDocument", malformed.StandardError, StringComparison.Ordinal);
        var notJson = await _aws.RunAsync("iam", "create-policy", "--policy-name", Name("notjson"), "--policy-document", "{not json");
        Assert.Contains("MalformedPolicyDocument", notJson.StandardError, StringComparison.Ordinal);
        Assert.Empty(Strings(await _aws.SucceedAsync("iam", "list-user-policies", "--user-name", user), "PolicyNames"));
    }

    public void Dispose() => _aws.Dispose();

    internal static JsonElement Json(ChildResult result) => JsonDocument.Parse(result.StandardOutput).RootElement;

    private static List<string> Strings(ChildResult result, string property) =>
        [.. Json(result).GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static List<string> Names(ChildResult result, string list, string property) =>
        [.. Json(result).GetProperty(list).EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    private static string Name(string purpose) => purpose + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<AwsCli> AsNewKeyAsync(string user)
    {
        var key = Json(await _aws.SucceedAsync("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey");
        return _aws.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }
}
