using System.Net;
using System.Net.Sockets;
using Amazon.S3.Model;
using Npgsql;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Host;

/// <summary>
/// `nuage server --metadata postgresql://...` (or NUAGE_METADATA) as an operator meets it (issue 18): the engine is
/// opened before anything listens, so a database out of reach, one that refuses the credentials, or a URL that
/// cannot be read ends the start with one line on stderr and a non-zero exit, never a stack trace or a password.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresStartupTests
{
    private const string Password = "Sup3r-Secret-Pw";

    [Fact]
    public async Task An_unreachable_database_is_one_line_and_exit_3()
    {
        int port = ClosedPort();
        var result = await RunServerAsync(["--metadata", $"postgresql://nuage:{Password}@127.0.0.1:{port}/nuage"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"nuage server: cannot reach the metadata database postgresql://127.0.0.1:{port}/nuage: Connection refused", OneLine(result));
        AssertNothingListened(result);
    }

    [Fact]
    public async Task NUAGE_METADATA_takes_a_multi_host_url_and_names_every_host_it_could_not_reach()
    {
        int first = ClosedPort(), second = ClosedPort();
        var url = $"postgresql://nuage:{Password}@127.0.0.1:{first},127.0.0.1:{second}/nuage?target_session_attrs=read-write";
        var result = await RunServerAsync([], new Dictionary<string, string?> { ["NUAGE_METADATA"] = url });

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith(
            $"nuage server: cannot reach the metadata database postgresql://127.0.0.1:{first},127.0.0.1:{second}/nuage: ", OneLine(result));
        AssertNothingListened(result);
    }

    [Theory]
    [InlineData("postgresql://nuage:" + Password + "@127.0.0.1:notaport/nuage", "host that cannot be read")]
    [InlineData("postgresql://nuage:" + Password + "@/nuage", "names no host")]
    [InlineData("postgresql://nuage:" + Password + "@127.0.0.1:5432/nuage?sslmode=sometimes", "Unknown sslmode")]
    [InlineData("postgresql://nuage:" + Password + "@127.0.0.1:5432/nuage?no_such_parameter=1", "Unknown parameter")]
    [InlineData("mysql://nuage:" + Password + "@127.0.0.1:3306/nuage", "takes a PostgreSQL URL")]
    public async Task A_url_that_cannot_be_read_is_a_usage_error(string url, string reason)
    {
        var result = await RunServerAsync(["--metadata", url]);

        Assert.Equal(2, result.ExitCode);
        var line = OneLine(result);
        Assert.StartsWith("nuage server: ", line);
        Assert.Contains(reason, line);
        AssertNothingListened(result);
    }

    [Fact]
    public async Task A_database_refusing_the_password_is_one_line_and_exit_1()
    {
        var cluster = SharedPostgres.Cluster;
        var result = await RunServerAsync(["--metadata", $"postgresql://{PostgresCluster.User}:{Password}@{cluster.Host}:{cluster.Port}/{PostgresCluster.Database}"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"nuage server: cannot use the metadata database postgresql://{cluster.Host}:{cluster.Port}/{PostgresCluster.Database}: "
            + $"28P01: password authentication failed for user \"{PostgresCluster.User}\"",
            OneLine(result));
        AssertNothingListened(result);
    }

    /// <summary>
    /// The engine migrates an empty database at start (before listening), then serves S3 on it. Awaits the
    /// PostgreSQL engine's data areas (objects, identity, IoT): until they are merged the server stops at its first
    /// read of them.
    /// </summary>
    [Fact]
    public async Task A_server_on_an_empty_database_migrates_it_and_serves_S3()
    {
        var cluster = SharedPostgres.Cluster;
        var database = "nuage_start_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        using var data = new TempDirectory();
        var url = $"postgresql://{PostgresCluster.User}:{cluster.Password}@{cluster.Host}:{cluster.Port}/{database}";
        try
        {
            await using (var server = await NuageProcess.StartAsync(
                Path.Combine(data.Path, "data"), environment: new Dictionary<string, string?> { ["NUAGE_METADATA"] = url }))
            {
                await using (var check = new NpgsqlConnection(cluster.ConnectionString.Replace($"Database={PostgresCluster.Database}", $"Database={database}", StringComparison.Ordinal)))
                {
                    await check.OpenAsync();
                    await using var version = new NpgsqlCommand("SELECT MAX(version) FROM schema_version", check);
                    // At least the baseline (Schema/021_baseline.sql, equal to SQLite's schema after its migration 021).
                    Assert.InRange(Convert.ToInt32(await version.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), 21, int.MaxValue);
                }

                using var s3 = server.CreateS3Client();
                await s3.PutBucketAsync("on-postgres");
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "on-postgres", Key = "hello", ContentBody = "from PostgreSQL" });
                using var read = await s3.GetObjectAsync("on-postgres", "hello");
                using var reader = new StreamReader(read.ResponseStream);
                Assert.Equal("from PostgreSQL", await reader.ReadToEndAsync());
                server.AssertNoErrors();
            }
        }
        finally
        {
            SharedPostgres.DropDatabase(database);
        }
    }

    /// <summary>The process's only stderr line (the refusal), after checking there is exactly one and it hides the password.</summary>
    private static string OneLine(ChildResult result)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        result.Assert(lines.Length == 1, $"printed {lines.Length} lines on stderr, not one");
        result.Assert(!result.Output.Contains(Password, StringComparison.Ordinal), "showed the password");
        result.Assert(!result.Output.Contains("   at ", StringComparison.Ordinal), "printed a stack trace");
        return lines[0];
    }

    private static void AssertNothingListened(ChildResult result) =>
        result.Assert(!result.StandardOutput.Contains("listening on", StringComparison.Ordinal), "listened before its metadata store was open");

    private static Task<ChildResult> RunServerAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "nuage-pg-start-" + Guid.NewGuid().ToString("N"));
        return RunAndRemoveAsync();

        async Task<ChildResult> RunAndRemoveAsync()
        {
            try
            {
                return await ChildProcess.RunAsync(
                    "dotnet",
                    [RepositoryPaths.ServerDll, "server", "--data", data, "--listen", "127.0.0.1:0", "--console-listen", "127.0.0.1:0", "--mqtt-listen", "127.0.0.1:0", .. arguments],
                    environment, timeout: TimeSpan.FromSeconds(60));
            }
            finally
            {
                if (Directory.Exists(data))
                {
                    Directory.Delete(data, recursive: true);
                }
            }
        }
    }

    /// <summary>A loopback port nothing listens on (bound, then released): connecting to it is refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
