using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Host;

/// <summary>What a user sees when starting `nuage server`: generated credentials, options and their variables.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class StartupTests
{
    [Fact]
    public async Task First_start_prints_generated_root_keys_once_and_keeps_them_owner_only()
    {
        using var data = new TempDirectory();
        var dataDirectory = Path.Combine(data.Path, "data");
        string accessKey, secretKey;
        await using (var first = await NuageProcess.StartAsync(dataDirectory, withRootKeys: false))
        {
            await WaitForLineAsync(first, "Secret key:");
            var output = string.Join('\n', first.Output);
            accessKey = AccessKeyLine().Match(output).Groups[1].Value;
            secretKey = SecretKeyLine().Match(output).Groups[1].Value;
            Assert.Matches("^[A-Z0-9]{20}$", accessKey);
            Assert.Equal(40, secretKey.Length);
            var file = Path.Combine(dataDirectory, "root-credentials");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            await ListBucketsWithAsync(first, accessKey, secretKey);
            first.AssertNoErrors();
        }

        await using var second = await NuageProcess.StartAsync(dataDirectory, withRootKeys: false);
        await WaitForLineAsync(second, "Root access key");
        Assert.DoesNotContain(second.Output, line => line.Contains(secretKey, StringComparison.Ordinal));
        Assert.DoesNotContain(second.Output, line => line.Contains("Secret key:", StringComparison.Ordinal));
        await ListBucketsWithAsync(second, accessKey, secretKey);
        second.AssertNoErrors();
    }

    [Fact]
    public async Task Region_comes_from_the_flag_or_NUAGE_REGION_and_guards_LocationConstraint()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(
            Path.Combine(data.Path, "data"), environment: new Dictionary<string, string?> { ["NUAGE_REGION"] = "eu-lyon-1" });
        using var s3 = server.CreateS3Client();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = "in-lyon", BucketRegionName = "eu-lyon-1" });
        var location = await s3.GetBucketLocationAsync("in-lyon");
        Assert.Equal("eu-lyon-1", location.Location.Value);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(
            () => s3.PutBucketAsync(new PutBucketRequest { BucketName = "in-paris", BucketRegionName = "eu-paris-1" }));
        Assert.Equal("IllegalLocationConstraintException", error.ErrorCode);
        server.AssertNoErrors();
    }

    [Fact]
    public async Task Help_explains_every_option_and_its_variable()
    {
        var result = await RunServerCommandAsync("server", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var expected in new[] { "--data", "NUAGE_DATA", "--listen", "NUAGE_LISTEN", "--console-listen", "NUAGE_CONSOLE_LISTEN", "--mqtt-listen", "NUAGE_MQTT_LISTEN", "--region", "NUAGE_REGION", "--federation", "NUAGE_FEDERATION", "--domain", "NUAGE_DOMAIN", "--min-upload-rate", "NUAGE_MIN_UPLOAD_RATE", "--upload-grace", "NUAGE_UPLOAD_GRACE", "--legacy-bucket-defaults", "NUAGE_LEGACY_BUCKET_DEFAULTS", "--log-level", "NUAGE_LOG_LEVEL", "--log-format", "NUAGE_LOG_FORMAT", "--min-part-size", "NUAGE_MIN_PART_SIZE", "NUAGE_ROOT_ACCESS_KEY" })
        {
            Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        }

        // Each default once: System.CommandLine prints a default value factory's value itself.
        Assert.Contains("[default: ./data]", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(
            result.Output.Split('\n'),
            line => line.IndexOf("[default:", StringComparison.Ordinal) != line.LastIndexOf("[default:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_upload_rate_is_refused_with_a_clear_message()
    {
        using var data = new TempDirectory();
        var result = await RunServerCommandAsync("server", "--data", data.Path, "--listen", "127.0.0.1:0", "--min-upload-rate", "fast");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--min-upload-rate must be a whole number", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_listen_address_is_refused_with_a_clear_message()
    {
        using var data = new TempDirectory();
        var result = await RunServerCommandAsync("server", "--data", data.Path, "--listen", "not-an-address");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("HOST:PORT", result.Output, StringComparison.Ordinal);
    }

    private static async Task ListBucketsWithAsync(NuageProcess server, string accessKey, string secretKey)
    {
        using var s3 = new AmazonS3Client(
            new BasicAWSCredentials(accessKey, secretKey),
            new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var response = await s3.ListBucketsAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.HttpStatusCode);
    }

    /// <summary>The startup lines follow the listening line; wait (bounded) until one containing the text arrives.</summary>
    private static async Task<string> WaitForLineAsync(NuageProcess server, string text)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            var line = server.Output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no line containing '{text}' in:\n{string.Join('\n', server.Output)}");
    }

    private static async Task<(int ExitCode, string Output)> RunServerCommandAsync(params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, .. arguments],
            timeout: TimeSpan.FromSeconds(60), isolate: false);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    [GeneratedRegex(@"Access key: (\S+)")]
    private static partial Regex AccessKeyLine();

    [GeneratedRegex(@"Secret key: (\S+)")]
    private static partial Regex SecretKeyLine();
}
