using System.Text.Json;
using MQTTnet;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>`nuage admin iot ...` as an operator runs it (a child process), and the device it sets up connecting.</summary>
public sealed class DeviceAdminCliTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task Things_groups_credentials_and_policies_round_trip_through_the_cli_and_the_device_connects()
    {
        var account = "cli-iot-" + Guid.NewGuid().ToString("N")[..8];
        (await AdminAsync("account", "create", account)).AssertSuccess();

        using var thing = Json((await AdminAsync("iot", "things", "create", "pump-1", "--account", account, "--type", "pump", "--attribute", "site=north", "-o", "json")).AssertSuccess());
        Assert.Equal("north", thing.RootElement.GetProperty("attributes").GetProperty("site").GetString());
        using var updated = Json((await AdminAsync("iot", "things", "update", "pump-1", "--account", account, "--attribute", "rpm=1200", "--merge", "--expected-version", "1", "-o", "json")).AssertSuccess());
        Assert.Equal(2, updated.RootElement.GetProperty("version").GetInt64());
        Assert.Equal("1200", updated.RootElement.GetProperty("attributes").GetProperty("rpm").GetString());
        var listed = (await AdminAsync("iot", "things", "list", "--account", account)).AssertSuccess();
        listed.Assert(listed.StandardOutput.Contains("pump-1", StringComparison.Ordinal) && listed.StandardOutput.Contains("pump", StringComparison.Ordinal), "lists the thing");

        (await AdminAsync("iot", "groups", "create", "pumps", "--account", account, "--description", "all pumps")).AssertSuccess();
        (await AdminAsync("iot", "groups", "add-thing", "pumps", "pump-1", "--account", account)).AssertSuccess();

        var policyFile = Path.Combine(Path.GetTempPath(), account + ".json");
        await File.WriteAllTextAsync(policyFile, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/plant/${iot:Connection.Thing.ThingName}"}]}""");
        try
        {
            (await AdminAsync("iot", "policies", "create", "plant", "--account", account, "--document", policyFile)).AssertSuccess();
        }
        finally
        {
            File.Delete(policyFile);
        }

        (await AdminAsync("iot", "policies", "attach", "plant", "--account", account, "--group", "pumps")).AssertSuccess();
        using var policy = Json((await AdminAsync("iot", "policies", "get", "plant", "--account", account, "-o", "json")).AssertSuccess());
        Assert.Equal(["pumps"], policy.RootElement.GetProperty("thingGroups").EnumerateArray().Select(e => e.GetString()));

        var created = (await AdminAsync("iot", "credentials", "create", "pump-1", "--account", account)).AssertSuccess();
        created.Assert(created.StandardOutput.Contains("shown only now", StringComparison.Ordinal), "warns that the token is shown once");
        using var credential = Json((await AdminAsync("iot", "credentials", "create", "pump-1", "--account", account, "-o", "json")).AssertSuccess());
        var id = credential.RootElement.GetProperty("credentialId").GetString()!;
        var token = credential.RootElement.GetProperty("token").GetString()!;
        var credentials = (await AdminAsync("iot", "credentials", "list", "pump-1", "--account", account)).AssertSuccess();
        credentials.Assert(credentials.StandardOutput.Contains(id, StringComparison.Ordinal) && !credentials.StandardOutput.Contains(token, StringComparison.Ordinal), "lists the credential, never its token");

        // The device set up by the CLI: its own topic, and the group's policy topic.
        var keys = new IotKeys(id, token, "");
        await using (var pump = await MqttTestClient.ConnectOkAsync(fixture, keys, clientId: "pump-1"))
        {
            Assert.True((await pump.PublishAsync("plant/pump-1", "running")).IsSuccess);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await pump.PublishAsync("plant/pump-2", "forged")).ReasonCode);
        }

        (await AdminAsync("iot", "credentials", "disable", id, "--account", account)).AssertSuccess();
        await using (var disabled = await MqttTestClient.ConnectAsync(fixture, keys, clientId: "pump-1"))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, disabled.ConnectResult.ResultCode);
        }

        using var rotated = Json((await AdminAsync("iot", "credentials", "rotate", id, "--account", account, "-o", "json")).AssertSuccess());
        Assert.NotEqual(id, rotated.RootElement.GetProperty("credentialId").GetString());
        (await AdminAsync("iot", "credentials", "delete", id, "--account", account)).AssertSuccess();

        var conflict = await AdminAsync("iot", "policies", "delete", "plant", "--account", account);
        Assert.Equal(1, conflict.ExitCode);
        Assert.StartsWith("nuage admin: DeleteConflict:", conflict.StandardError.Trim(), StringComparison.Ordinal);
        (await AdminAsync("iot", "policies", "detach", "plant", "--account", account, "--group", "pumps")).AssertSuccess();
        (await AdminAsync("iot", "policies", "delete", "plant", "--account", account)).AssertSuccess();
        (await AdminAsync("iot", "things", "delete", "pump-1", "--account", account)).AssertSuccess();

        var missing = await AdminAsync("iot", "things", "get", "pump-1", "--account", account);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("nuage admin: NoSuchEntity:", missing.StandardError.Trim(), StringComparison.Ordinal);
        var usage = await AdminAsync("iot", "things", "create", "x", "--account", account, "--attribute", "novalue");
        Assert.Equal(2, usage.ExitCode);
        var both = await AdminAsync("iot", "policies", "attach", "plant", "--account", account);
        Assert.Equal(2, both.ExitCode);
    }

    private static JsonDocument Json(ChildResult result) => JsonDocument.Parse(result.StandardOutput);

    private Task<ChildResult> AdminAsync(params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", .. arguments], new Dictionary<string, string?>
        {
            ["NUAGE_ADMIN_ENDPOINT"] = fixture.ConsoleEndpoint.ToString(),
            ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey,
            ["NUAGE_SECRET_KEY"] = NuageProcess.SecretKey,
        });
}
