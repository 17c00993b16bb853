using System.Net;
using System.Text;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Keys that look like paths ("../../etc/passwd", "/abs", "a/../../b") are ordinary S3 keys: stored and read back
/// byte for byte, listed as sent, never resolved against the file system. The server runs on a data directory
/// three levels below a fresh temp folder, so a key that escaped would show up as a file above it.
/// </summary>
public sealed class KeyPathTests
{
    private static readonly string[] PathLikeKeys =
    [
        "../../etc/passwd",
        "/abs",
        "a/../../b",
        "../../../../../../../../../../tmp/nuage-escape-probe",
        "..",
        ".",
        "./dot",
        "a/./b",
        "a//b",
        "//double-leading",
        "trailing/..",
        "..\\..\\windows\\win.ini",
        "%2e%2e/literal-percent",
        "blobs/tmp/looks-internal",
        "metadata.db",
    ];

    [Fact]
    public async Task Path_like_keys_are_ordinary_keys_and_no_file_escapes_the_data_directory()
    {
        using var temp = new TempDirectory();
        var levels = new[] { "one", "two", "three" };
        var data = Path.Combine([temp.Path, .. levels, "data"]);
        var rootFilesBefore = RootProbeFiles().Where(File.Exists).ToHashSet();
        var passwdBefore = await File.ReadAllBytesAsync("/etc/passwd");

        await using var server = await NuageProcess.StartAsync(data);
        using var http = new SignedHttpClient(server.Endpoint);
        const string bucket = "path-like-keys";
        Assert.Equal(HttpStatusCode.OK, await http.CreateBucketAsync(bucket));

        var contents = PathLikeKeys.ToDictionary(k => k, k => Encoding.UTF8.GetBytes($"content of the key '{k}'\n"));
        foreach (var (key, body) in contents)
        {
            var (status, _, text) = await http.PutObjectAsync(bucket, key, body);
            Assert.True(status == HttpStatusCode.OK, $"PUT '{key}' answered {(int)status}: {text}");
        }

        foreach (var (key, body) in contents)
        {
            var (status, read, _) = await http.GetObjectAsync(bucket, key);
            Assert.True(status == HttpStatusCode.OK, $"GET '{key}' answered {(int)status}");
            Assert.True(read.AsSpan().SequenceEqual(body), $"GET '{key}' returned '{Encoding.UTF8.GetString(read)}'");
        }

        // Nothing was normalised into another key.
        foreach (var normalised in new[] { "etc/passwd", "abs", "b", "tmp/nuage-escape-probe", "dot" })
        {
            Assert.Equal(HttpStatusCode.NotFound, await http.HeadObjectAsync(bucket, normalised));
        }

        var listed = (await http.ListAllAsync(bucket)).Select(l => l.Key).ToList();
        Assert.Equal(PathLikeKeys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));

        // No file outside the data directory: each level above it holds only the next one.
        var above = temp.Path;
        foreach (var level in levels.Append("data"))
        {
            Assert.Equal([level], Directory.EnumerateFileSystemEntries(above).Select(Path.GetFileName));
            above = Path.Combine(above, level);
        }

        var names = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        foreach (var name in new[] { "passwd", "abs", "b", "nuage-escape-probe", "win.ini", "looks-internal", "literal-percent" })
        {
            Assert.DoesNotContain(name, names);
        }

        Assert.Equal(rootFilesBefore, RootProbeFiles().Where(File.Exists).ToHashSet());
        var passwdAfter = await File.ReadAllBytesAsync("/etc/passwd");
        Assert.True(passwdBefore.AsSpan().SequenceEqual(passwdAfter), "/etc/passwd changed!");

        foreach (var (key, _) in contents)
        {
            using var request = http.Create(HttpMethod.Delete, SigV4Signer.EncodePath(bucket, key));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Empty(await http.ListAllAsync(bucket));
        await BadInputAssert.ServerAliveAsync(server);
        server.AssertNoErrors();
    }

    /// <summary>Where the keys above would land if the server joined them onto a path naively.</summary>
    private static IEnumerable<string> RootProbeFiles() =>
        ["/abs", "/b", "/tmp/nuage-escape-probe", "/etc/b", "/dot", "/double-leading", Path.Combine(Path.GetTempPath(), "nuage-escape-probe")];
}
