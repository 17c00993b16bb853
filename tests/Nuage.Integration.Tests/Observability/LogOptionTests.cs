using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Observability;

/// <summary>--log-level and --log-format, and their NUAGE_LOG_* variables (issue 14, docs/logging.md).</summary>
public sealed class LogOptionTests : IDisposable
{
    private readonly TempDirectory _data = new("nuage-logopts-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Text_is_the_default_with_one_readable_line_per_request()
    {
        await using var server = await NuageProcess.StartAsync(Path.Combine(_data.Path, "text"));
        var bucket = "text-log-" + Guid.NewGuid().ToString("N")[..8];
        using (var s3 = server.CreateS3Client())
        {
            await s3.PutBucketAsync(bucket);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "hello", UseChunkEncoding = false });
        }

        var line = await LineAsync(server, l => l.Contains(" PutObject bucket=" + bucket, StringComparison.Ordinal));
        Assert.Matches(
            @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: Nuage\.S3\.Requests\[1\] PutObject bucket=" + bucket
            + @" status=200 error=- principal=" + NuageProcess.AccessKey + @" bytes_in=5 bytes_out=0 duration_ms=[0-9.]+ request_id=[0-9A-F]{16}$",
            line);
    }

    [Fact]
    public async Task Warning_level_from_the_environment_leaves_request_lines_out()
    {
        await using var server = await NuageProcess.StartAsync(
            Path.Combine(_data.Path, "quiet"), environment: new Dictionary<string, string?> { ["NUAGE_LOG_LEVEL"] = "warning" });
        var bucket = "quiet-log-" + Guid.NewGuid().ToString("N")[..8];
        using (var s3 = server.CreateS3Client())
        {
            await s3.PutBucketAsync(bucket);
        }

        // The flag overrides nothing here; a second server with --log-level information proves the lines were
        // left out by the level, not lost: it logs the same request.
        await using var loud = await NuageProcess.StartAsync(
            Path.Combine(_data.Path, "loud"), environment: new Dictionary<string, string?> { ["NUAGE_LOG_LEVEL"] = "warning" },
            extraArguments: ["--log-level", "information"]);
        using (var s3 = loud.CreateS3Client())
        {
            await s3.PutBucketAsync(bucket);
        }

        await LineAsync(loud, l => l.Contains("CreateBucket bucket=" + bucket, StringComparison.Ordinal));
        await server.StopAsync();
        Assert.DoesNotContain(server.Output, l => l.Contains("Nuage.S3.Requests", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--log-level", "loud", "--log-level must be one of")]
    [InlineData("--log-format", "xml", "--log-format must be text or json")]
    public async Task A_bad_value_exits_2_with_a_message(string option, string value, string message)
    {
        var result = await ChildProcess.RunAsync(
            "dotnet", [RepositoryPaths.ServerDll, "server", "--data", Path.Combine(_data.Path, "bad"), "--listen", "127.0.0.1:0",
                "--console-listen", "127.0.0.1:0", option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
    }

    private static async Task<string> LineAsync(NuageProcess server, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var line = server.Output.FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("no such line in the server's output:\n" + string.Join('\n', server.Output));
    }
}
