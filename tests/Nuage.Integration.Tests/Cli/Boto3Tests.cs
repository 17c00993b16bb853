using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Cli;

/// <summary>
/// boto3 (the Debian package python3-boto3) runs Scripts/boto3_smoke.py against the real server: put, get, ranges,
/// listing, multipart, abort, errors and deletes, each an assertion in the script. The Debian interpreter is used
/// explicitly: a python3 earlier on PATH (pyenv) may not have boto3.
/// </summary>
public sealed class Boto3Tests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly TempDirectory _home = new("nuage-boto3-");

    [Fact]
    public Task Boto3_smoke_script_passes_every_check() => RunScriptAsync("boto3_smoke.py");

    /// <summary>boto3's iam and sts clients (Scripts/boto3_iam_sts.py) against the same port.</summary>
    [Fact]
    public Task Boto3_iam_and_sts_script_passes_every_check() => RunScriptAsync("boto3_iam_sts.py");

    /// <summary>Versioning as a backup tool drives it with boto3 (Scripts/boto3_versioning.py).</summary>
    [Fact]
    public Task Boto3_versioning_script_passes_every_check() => RunScriptAsync("boto3_versioning.py");

    /// <summary>Server-side encryption with boto3 (Scripts/boto3_sse.py): SSE-S3, bucket default encryption, SSE-C.</summary>
    [Fact]
    public Task Boto3_encryption_script_passes_every_check() => RunScriptAsync("boto3_sse.py");

    public void Dispose() => _home.Dispose();

    private async Task RunScriptAsync(string name)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Scripts", name);
        Assert.True(File.Exists(script), $"{script} is not in the test output (Scripts/** is copied by the csproj).");
        var result = await ChildProcess.RunAsync(
            ChildProcess.Find("/usr/bin/python3", "python3"),
            [script],
            new Dictionary<string, string?>
            {
                ["HOME"] = _home.Path,
                ["AWS_CONFIG_FILE"] = Path.Combine(_home.Path, "config-none"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home.Path, "credentials-none"),
                ["AWS_ACCESS_KEY_ID"] = NuageProcess.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = NuageProcess.SecretKey,
                ["AWS_DEFAULT_REGION"] = "us-east-1",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["NO_PROXY"] = "127.0.0.1",
                ["PYTHONUTF8"] = "1",
                ["PYTHONDONTWRITEBYTECODE"] = "1",
                ["NUAGE_ENDPOINT"] = fixture.Endpoint.ToString().TrimEnd('/'),
                ["NUAGE_BUCKET"] = fixture.NewBucketName("boto3-smoke"),
            },
            timeout: TimeSpan.FromSeconds(150));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("checks passed", result.StandardOutput, StringComparison.Ordinal);
    }
}
