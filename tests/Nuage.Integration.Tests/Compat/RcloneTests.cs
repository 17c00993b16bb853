using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Compat;

/// <summary>
/// rclone (Debian package rclone) as its users run it: a remote of type s3, provider Other, configured from the
/// environment only (RCLONE_CONFIG_NUAGE_*) with a config file of its own in a temp folder, so nothing is read from
/// or written to the user's rclone.conf.
/// </summary>
/// <remarks>
/// Virtual-host style: rclone's endpoint is http://nuage.test:PORT with force_path_style=false, so it sends
/// Host: bucket.nuage.test:PORT. No resolver knows that name; HTTP_PROXY points at the server itself, so rclone
/// connects to 127.0.0.1:PORT and sends the request in absolute form (GET http://bucket.nuage.test:PORT/key),
/// which HTTP/1.1 servers must accept (RFC 9112 §3.2.2). Host header and signature are exactly rclone's.
/// </remarks>
[Collection(CompatCollection.Name)]
public sealed class RcloneTests : IDisposable
{
    /// <summary>Multipart above 5 MiB, in 5 MiB parts: the 20 MiB file goes up in several parts.</summary>
    private static readonly string[] MultipartFlags = ["--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M"];

    private readonly CompatServerFixture _fixture;
    private readonly TempDirectory _work = new("nuage-rclone-");

    public RcloneTests(CompatServerFixture fixture)
    {
        _fixture = fixture;

        // An empty config file of the test's own: rclone reads the remote from RCLONE_CONFIG_NUAGE_* and
        // neither reads nor writes the user's file (and does not log that the file is missing).
        File.WriteAllText(ConfigPath, "");
    }

    private string ConfigPath => Path.Combine(_work.Path, "rclone.conf");

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData(Addressing.Path)]
    [InlineData(Addressing.VirtualHost)]
    public async Task Mkdir_copy_list_check_copy_back_delete_and_purge(Addressing addressing)
    {
        ChildProcess.Require("rclone", "install the Debian package rclone");
        var bucket = _fixture.NewBucketName("rclone", addressing);
        var tree = LocalTree.Create(Path.Combine(_work.Path, "source"), seed: 10 + (int)addressing);
        try
        {
            // mkdir: the bucket is created, and in the style asked for.
            var mkdir = (await RcloneAsync(addressing, "mkdir", $"nuage:{bucket}", "-vv", "--dump", "headers")).AssertSuccess();
            mkdir.Assert(mkdir.Output.Contains(ExpectedHost(addressing, bucket), StringComparison.Ordinal),
                $"expected rclone to send `{ExpectedHost(addressing, bucket)}`");
            Assert.True(await _fixture.BucketExistsAsync(bucket), $"rclone mkdir did not create {bucket}");

            // copy: every file becomes an object; the big one in parts.
            (await RcloneAsync(addressing, ["copy", tree.Root, $"nuage:{bucket}/tree", .. MultipartFlags])).AssertSuccess();
            var objects = await _fixture.ListAsync(bucket);
            Assert.Equal(tree.Files.Keys.Select(k => "tree/" + k), objects.Keys);
            Assert.All(tree.Files, f => Assert.Equal(f.Value.Length, objects["tree/" + f.Key].Size));
            Assert.EndsWith($"-{LocalTree.BigFileParts}\"", objects["tree/" + LocalTree.BigFileName].ETag, StringComparison.Ordinal);
            Assert.Equal(TestBytes.QuotedETag(tree.Files["media/medium.bin"]), objects["tree/media/medium.bin"].ETag);

            // ls: size and path of every object.
            var ls = (await RcloneAsync(addressing, "ls", $"nuage:{bucket}")).AssertSuccess();
            Assert.Equal(
                tree.Files.Select(f => (Path: "tree/" + f.Key, Size: (long)f.Value.Length)).OrderBy(f => f.Path, StringComparer.Ordinal),
                ParseLs(ls.Output).OrderBy(f => f.Path, StringComparer.Ordinal));

            // lsf -R: files and the folders rclone infers from the '/' in the keys.
            var lsf = (await RcloneAsync(addressing, "lsf", "-R", $"nuage:{bucket}/tree")).AssertSuccess();
            var expectedLsf = tree.Files.Keys
                .Concat(["docs/", "docs/deeper/", "docs/deeper/still/", "media/"])
                .Order(StringComparer.Ordinal);
            Assert.Equal(expectedLsf, Lines(lsf.Output).Order(StringComparer.Ordinal));

            // check: sizes and MD5s (for the multipart object rclone compares the MD5 it stored as metadata).
            var check = await RcloneAsync(addressing, "check", tree.Root, $"nuage:{bucket}/tree");
            check.AssertSuccess().Assert(check.Output.Contains("0 differences found", StringComparison.Ordinal),
                "expected rclone check to report 0 differences");
            check.Assert(check.Output.Contains($"{tree.Files.Count} matching files", StringComparison.Ordinal),
                $"expected rclone check to match {tree.Files.Count} files");

            // check --download: compares the bytes themselves, which covers the multipart object whatever its ETag.
            var download = await RcloneAsync(addressing, "check", "--download", tree.Root, $"nuage:{bucket}/tree");
            download.AssertSuccess().Assert(download.Output.Contains("0 differences found", StringComparison.Ordinal),
                "expected rclone check --download to report 0 differences");

            // copy back: the same bytes in the same files.
            var back = Path.Combine(_work.Path, "back");
            (await RcloneAsync(addressing, "copy", $"nuage:{bucket}/tree", back)).AssertSuccess();
            tree.AssertSameFiles(back);

            // delete: the files under one folder go, the rest stays.
            (await RcloneAsync(addressing, "delete", $"nuage:{bucket}/tree/docs")).AssertSuccess();
            Assert.Equal(
                tree.Files.Keys.Where(k => !k.StartsWith("docs/", StringComparison.Ordinal)).Select(k => "tree/" + k),
                (await _fixture.ListAsync(bucket)).Keys);

            // purge: every object and the bucket itself.
            (await RcloneAsync(addressing, "purge", $"nuage:{bucket}")).AssertSuccess();
            Assert.False(await _fixture.BucketExistsAsync(bucket), $"rclone purge left the bucket {bucket}");
        }
        finally
        {
            await _fixture.DeleteBucketIfPresentAsync(bucket);
        }
    }

    [Fact]
    public async Task A_wrong_secret_key_is_reported_by_rclone_as_SignatureDoesNotMatch()
    {
        ChildProcess.Require("rclone", "install the Debian package rclone");

        var result = await RcloneAsync(Addressing.Path, ["lsd", "nuage:", "--low-level-retries", "1", "--retries", "1"],
            secretKey: "not-the-secret-key");

        result.Assert(result.ExitCode != 0, "expected rclone to fail");
        result.Assert(result.Output.Contains("SignatureDoesNotMatch", StringComparison.Ordinal), "expected SignatureDoesNotMatch");
    }

    private string ExpectedHost(Addressing addressing, string bucket) => addressing == Addressing.Path
        ? $"Host: 127.0.0.1:{_fixture.Port}"
        : $"Host: {bucket}.{CompatServerFixture.Domain}:{_fixture.Port}";

    private Task<ChildResult> RcloneAsync(Addressing addressing, params string[] arguments) =>
        RcloneAsync(addressing, arguments, NuageProcess.SecretKey);

    private Task<ChildResult> RcloneAsync(Addressing addressing, string[] arguments, string secretKey)
    {
        var environment = new Dictionary<string, string?>
        {
            ["RCLONE_CONFIG"] = ConfigPath,
            ["RCLONE_CONFIG_NUAGE_TYPE"] = "s3",
            ["RCLONE_CONFIG_NUAGE_PROVIDER"] = "Other",
            ["RCLONE_CONFIG_NUAGE_ACCESS_KEY_ID"] = NuageProcess.AccessKey,
            ["RCLONE_CONFIG_NUAGE_SECRET_ACCESS_KEY"] = secretKey,
            ["RCLONE_CONFIG_NUAGE_ENDPOINT"] = addressing == Addressing.Path ? _fixture.PathEndpoint : _fixture.DomainEndpoint,
            ["RCLONE_CONFIG_NUAGE_FORCE_PATH_STYLE"] = addressing == Addressing.Path ? "true" : "false",
            ["RCLONE_CONFIG_NUAGE_REGION"] = "us-east-1",

            // rclone sends "x-amz-acl: private" on every upload unless told otherwise; buckets with ACLs disabled
            // (the default since 2023, on AWS as on Nuage) refuse every canned ACL but bucket-owner-full-control, so
            // rclone users of such buckets set this (or acl = "") — README, "Clients".
            ["RCLONE_CONFIG_NUAGE_ACL"] = "bucket-owner-full-control",
        };
        if (addressing == Addressing.VirtualHost)
        {
            environment["HTTP_PROXY"] = _fixture.PathEndpoint;
        }

        return ChildProcess.RunAsync("rclone", arguments, environment, _work.Path, TimeSpan.FromSeconds(60));
    }

    /// <summary>`rclone ls` prints "SIZE PATH" with the size right-aligned.</summary>
    private static IEnumerable<(string Path, long Size)> ParseLs(string output) =>
        Lines(output).Select(line =>
        {
            var trimmed = line.TrimStart();
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            return (trimmed[(space + 1)..], long.Parse(trimmed[..space], System.Globalization.CultureInfo.InvariantCulture));
        });

    /// <summary>The lines of a listing, without rclone's log lines (it logs to stderr, which is interleaved here).</summary>
    private static IEnumerable<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !IsLogLine(line));

    private static bool IsLogLine(string line) =>
        line.Length >= 20 && char.IsAsciiDigit(line[0]) && line[4] == '/' && line[7] == '/' && line[10] == ' ';
}
