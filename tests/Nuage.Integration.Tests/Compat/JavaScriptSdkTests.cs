using System.Security.Cryptography;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Compat;

/// <summary>
/// The AWS SDK for JavaScript v3 (@aws-sdk/client-s3, pinned in tests/js/package-lock.json) runs
/// tests/js/s3-smoke.mjs against the server: buckets, small and large objects, a streamed upload with a trailing
/// checksum, ranges, copy, multipart, listing and deletes. The script prints one line per check and exits non-zero
/// on any mismatch; its output is the failure message.
/// </summary>
[Collection(CompatCollection.Name)]
public sealed class JavaScriptSdkTests(CompatServerFixture fixture)
{
    private static readonly string JsDirectory = Path.Combine(RepositoryPaths.Root, "tests", "js");

    [Theory]
    [InlineData(Addressing.Path)]
    [InlineData(Addressing.VirtualHost)]
    public async Task Smoke_script_passes(Addressing addressing)
    {
        await NodeModules.EnsureInstalledAsync();

        var result = await RunSmokeAsync(addressing, NuageProcess.SecretKey);

        result.AssertSuccess().Assert(result.Output.Contains("# all checks passed", StringComparison.Ordinal),
            "expected the script to report that all checks passed");
    }

    /// <summary>The script's exit code means something: a request the server rejects makes it fail.</summary>
    [Fact]
    public async Task Smoke_script_fails_when_the_server_rejects_a_request()
    {
        await NodeModules.EnsureInstalledAsync();

        var result = await RunSmokeAsync(Addressing.Path, "not-the-secret-key");

        result.Assert(result.ExitCode == 1, "expected exit code 1");
        result.Assert(result.Output.Contains("not ok - CreateBucket: SignatureDoesNotMatch (HTTP 403", StringComparison.Ordinal),
            "expected the failed CreateBucket to be reported with its S3 error code");
    }

    private Task<ChildResult> RunSmokeAsync(Addressing addressing, string secretKey) =>
        ChildProcess.RunAsync("node", ["s3-smoke.mjs"], new Dictionary<string, string?>
        {
            ["NUAGE_ENDPOINT"] = fixture.PathEndpoint,
            ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey,
            ["NUAGE_SECRET_KEY"] = secretKey,
            ["NUAGE_ADDRESSING"] = addressing == Addressing.Path ? "path" : "virtual",
            ["NUAGE_DOMAIN"] = CompatServerFixture.Domain,
        }, JsDirectory, TimeSpan.FromSeconds(90));

    /// <summary>
    /// `npm ci` in tests/js, once per test run, and not at all when node_modules already holds exactly what
    /// package-lock.json pins (a stamp with the lockfile's SHA-256 is written after a successful install).
    /// </summary>
    private static class NodeModules
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static bool _installed;

        public static async Task EnsureInstalledAsync()
        {
            ChildProcess.Require("node", "install Node.js 20 or later");
            ChildProcess.Require("npm", "install npm");
            await Gate.WaitAsync();
            try
            {
                if (_installed)
                {
                    return;
                }

                var lockHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(JsDirectory, "package-lock.json"))));
                var stamp = Path.Combine(JsDirectory, "node_modules", ".nuage-package-lock.sha256");
                if (!File.Exists(stamp) || (await File.ReadAllTextAsync(stamp)).Trim() != lockHash)
                {
                    (await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], workingDirectory: JsDirectory,
                        timeout: TimeSpan.FromSeconds(300), isolate: false)).AssertSuccess();
                    await File.WriteAllTextAsync(stamp, lockHash + "\n");
                }

                _installed = true;
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
