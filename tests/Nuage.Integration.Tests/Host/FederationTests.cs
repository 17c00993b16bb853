namespace Nuage.Integration.Tests.Host;

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Nuage.Testing;
using Xunit;

/// <summary>
/// A region started with a federation file (docs/regions.md): a file it cannot work with stops it before anything
/// listens, and `nuage admin regions` shows each region of the file with its role and whether it answers now.
/// </summary>
public sealed class FederationTests
{
    [Fact]
    public async Task A_federation_file_with_problems_is_refused_before_the_server_listens_with_every_problem()
    {
        using var data = new TempDirectory();
        string file = Path.Combine(data.Path, "federation.yml");
        await File.WriteAllTextAsync(file, """
            control: lyon
            regions:
              - name: paris
                s3: http://127.0.0.1:9000
                console: http://127.0.0.1:9001
              - name: dubai
                s3: http://127.0.0.1:9100
                console: http://127.0.0.1:9101/admin
            """);

        var result = await ChildProcess.RunAsync("dotnet",
            [RepositoryPaths.ServerDll, "server", "--data", Path.Combine(data.Path, "d"), "--listen", "127.0.0.1:0", "--console-listen", "127.0.0.1:0",
             "--mqtt-listen", "127.0.0.1:0", "--region", "paris", "--federation", file],
            timeout: TimeSpan.FromSeconds(60), isolate: false);

        Assert.Equal(2, result.ExitCode);
        string output = result.StandardOutput + result.StandardError;
        Assert.Contains($"Federation file {file} has 2 problems:", output, StringComparison.Ordinal);
        Assert.Contains("region 'dubai': 'console' must be an http:// or https:// address", output, StringComparison.Ordinal);
        Assert.Contains("'control' names 'lyon', which 'regions' does not list.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_regions_shows_each_region_its_role_and_whether_its_console_answers()
    {
        using var data = new TempDirectory();

        // dubai: a real region on its own; singapore: a port nothing listens on.
        await using var dubai = await NuageProcess.StartAsync(Path.Combine(data.Path, "dubai"));
        int closedS3 = ClosedPort(), closedConsole = ClosedPort();
        string file = Path.Combine(data.Path, "federation.yml");
        await File.WriteAllTextAsync(file, $"""
            control: paris
            regions:
              - name: paris
                s3: http://paris.example.invalid:9000
                console: http://paris.example.invalid:9001
              - name: dubai
                s3: {dubai.Endpoint}
                console: {dubai.ConsoleEndpoint}
              - name: singapore
                s3: http://127.0.0.1:{closedS3}
                console: http://127.0.0.1:{closedConsole}
            """);
        await using var paris = await NuageProcess.StartAsync(Path.Combine(data.Path, "paris"), extraArguments: ["--region", "paris", "--federation", file]);

        var listed = await AdminAsync(paris, "regions", "--output", "json");
        using var json = JsonDocument.Parse(listed.StandardOutput);
        var regions = json.RootElement.GetProperty("regions").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.Clone());

        Assert.Equal(["dubai", "paris", "singapore"], regions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("control", true, true), Describe(regions["paris"]));
        Assert.Equal(("member", false, true), Describe(regions["dubai"]));
        Assert.Equal(dubai.ConsoleEndpoint.ToString(), regions["dubai"].GetProperty("consoleEndpoint").GetString());
        Assert.True(regions["dubai"].GetProperty("latencyMs").GetDouble() >= 0);
        Assert.Equal(("member", false, false), Describe(regions["singapore"]));
        Assert.False(string.IsNullOrEmpty(regions["singapore"].GetProperty("error").GetString()));

        // Dubai stopped: the same question now finds it unreachable; the table form names it too.
        await dubai.StopAsync();
        var again = await AdminAsync(paris, "regions", "-o", "json");
        using var againJson = JsonDocument.Parse(again.StandardOutput);
        var dubaiNow = againJson.RootElement.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "dubai");
        Assert.Equal(("member", false, false), Describe(dubaiNow));
        var table = await AdminAsync(paris, "regions");
        Assert.Matches(@"(?m)^paris\s+control\s+true\s+true\b", table.StandardOutput);
        Assert.Matches(@"(?m)^dubai\s+member\s+false\s+false\b", table.StandardOutput);
        paris.AssertNoErrors();
    }

    [Fact]
    public async Task Without_a_federation_the_region_is_alone_and_its_own_control_region()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "d"));
        var listed = await AdminAsync(server, "regions", "-o", "json");
        using var json = JsonDocument.Parse(listed.StandardOutput);
        var region = Assert.Single(json.RootElement.GetProperty("regions").EnumerateArray());
        Assert.Equal("local", region.GetProperty("name").GetString());
        Assert.Equal(("control", true, true), Describe(region));
    }

    private static async Task<ChildResult> AdminAsync(NuageProcess server, params string[] arguments) =>
        (await ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", .. arguments], new Dictionary<string, string?>
        {
            ["NUAGE_ADMIN_ENDPOINT"] = server.ConsoleEndpoint.ToString(),
            ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey,
            ["NUAGE_SECRET_KEY"] = NuageProcess.SecretKey,
        })).AssertSuccess();

    private static (string? Role, bool IsLocal, bool Reachable) Describe(JsonElement region) =>
        (region.GetProperty("role").GetString(), region.GetProperty("isLocal").GetBoolean(), region.GetProperty("reachable").GetBoolean());

    /// <summary>A loopback port that was free a moment ago and is closed now: connections to it are refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
