using System.Text.Json;
using System.Text.RegularExpressions;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Admin;

/// <summary>`nuage admin` as a user runs it: a child process against the real server's console port.</summary>
public sealed partial class AdminCliTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task Account_create_prints_the_root_key_and_json_output_parses()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var created = (await AdminAsync("account", "create", name, "--email", "it@example.com")).AssertSuccess();
        var secret = SecretLine().Match(created.StandardOutput);
        created.Assert(secret.Success, "prints the root secret");
        created.Assert(created.StandardOutput.Contains(name, StringComparison.Ordinal), "prints the account");

        var usage = (await AdminAsync("account", "usage", name)).AssertSuccess();
        usage.Assert(usage.StandardOutput.Contains("Stored: 0 bytes; quota: none", StringComparison.Ordinal), "prints the account's usage and quota");

        var listed = (await AdminAsync("account", "list", "--output", "json")).AssertSuccess();
        using var json = JsonDocument.Parse(listed.StandardOutput);
        Assert.Contains(json.RootElement.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("name").GetString() == name);

        (await AdminAsync("user", "create", "dana", "--account", name)).AssertSuccess();
        var key = (await AdminAsync("key", "create", "--account", name, "--user", "dana", "-o", "json")).AssertSuccess();
        using var keyJson = JsonDocument.Parse(key.StandardOutput);
        Assert.Equal("dana", keyJson.RootElement.GetProperty("userName").GetString());

        var policyFile = Path.Combine(Path.GetTempPath(), name + ".json");
        await File.WriteAllTextAsync(policyFile, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""");
        try
        {
            (await AdminAsync("policy", "put", "list", "--account", name, "--user", "dana", "--file", policyFile)).AssertSuccess();
        }
        finally
        {
            File.Delete(policyFile);
        }

        var policies = (await AdminAsync("policy", "list", "--account", name, "--user", "dana")).AssertSuccess();
        policies.Assert(policies.StandardOutput.Contains("inline", StringComparison.Ordinal), "lists the inline policy");
    }

    [Fact]
    public async Task Kms_keys_are_created_listed_rotated_disabled_and_enabled_from_the_cli()
    {
        var name = "cli-kms-" + Guid.NewGuid().ToString("N")[..8];
        (await AdminAsync("account", "create", name)).AssertSuccess();
        var created = (await AdminAsync("kms", "create", "--account", name, "--alias", "alias/cli", "--description", "from the cli", "-o", "json")).AssertSuccess();
        using var key = JsonDocument.Parse(created.StandardOutput);
        var keyId = key.RootElement.GetProperty("keyId").GetString()!;
        Assert.Equal(1, key.RootElement.GetProperty("materialVersions").GetInt32());

        var listed = (await AdminAsync("kms", "list", "--account", name)).AssertSuccess();
        listed.Assert(listed.StandardOutput.Contains(keyId, StringComparison.Ordinal) && listed.StandardOutput.Contains("alias/cli", StringComparison.Ordinal), "lists the key with its alias");

        using var rotated = JsonDocument.Parse((await AdminAsync("kms", "rotate", "alias/cli", "--account", name, "-o", "json")).AssertSuccess().StandardOutput);
        Assert.Equal(2, rotated.RootElement.GetProperty("materialVersions").GetInt32());
        using var disabled = JsonDocument.Parse((await AdminAsync("kms", "disable", keyId, "--account", name, "-o", "json")).AssertSuccess().StandardOutput);
        Assert.False(disabled.RootElement.GetProperty("enabled").GetBoolean());
        using var enabled = JsonDocument.Parse((await AdminAsync("kms", "enable", "alias/cli", "--account", name, "-o", "json")).AssertSuccess().StandardOutput);
        Assert.True(enabled.RootElement.GetProperty("enabled").GetBoolean());

        var missing = await AdminAsync("kms", "get", "alias/nothing", "--account", name);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("nuage admin: NoSuchEntity:", missing.StandardError.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_one_readable_line_with_distinct_exit_codes()
    {
        var missing = await AdminAsync("user", "get", "ghost", "--account", "no-such-account");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("nuage admin: NoSuchEntity: The account no-such-account cannot be found.", missing.StandardError.Trim());

        var usage = await AdminAsync("user", "create");
        Assert.Equal(2, usage.ExitCode);

        var unreachable = await ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", "account", "list", "--endpoint", "http://127.0.0.1:1"],
            new Dictionary<string, string?> { ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey, ["NUAGE_SECRET_KEY"] = NuageProcess.SecretKey });
        Assert.Equal(3, unreachable.ExitCode);
        Assert.StartsWith("nuage admin: cannot reach", unreachable.StandardError, StringComparison.Ordinal);

        var noKeys = await ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", "account", "list", "--endpoint", fixture.ConsoleEndpoint.ToString(), "--data", "/nonexistent"]);
        Assert.Equal(2, noKeys.ExitCode);
        Assert.Contains("No credentials", noKeys.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_come_from_the_data_directory_when_none_are_given()
    {
        var server = fixture.Server;
        var withoutKeys = await ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", "account", "list", "--endpoint", fixture.ConsoleEndpoint.ToString(), "--data", server.DataDirectory]);

        // The fixture's server takes its root keys from the environment, so its data directory has no root-credentials file.
        Assert.Equal(2, withoutKeys.ExitCode);
        using var data = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(data.Path, "root-credentials"),
            $$"""{"version": 1, "accessKeyId": "{{NuageProcess.AccessKey}}", "secretAccessKey": "{{NuageProcess.SecretKey}}"}""");
        (await ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", "account", "list", "--endpoint", fixture.ConsoleEndpoint.ToString(), "--data", data.Path])).AssertSuccess();
    }

    private Task<ChildResult> AdminAsync(params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", .. arguments], new Dictionary<string, string?>
        {
            ["NUAGE_ADMIN_ENDPOINT"] = fixture.ConsoleEndpoint.ToString(),
            ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey,
            ["NUAGE_SECRET_KEY"] = NuageProcess.SecretKey,
        });

    [GeneratedRegex(@"Secret key: (\S+)")]
    private static partial Regex SecretLine();
}
