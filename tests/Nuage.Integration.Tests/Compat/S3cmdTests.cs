using System.Globalization;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Compat;

/// <summary>
/// s3cmd (Debian package s3cmd) with a config file of the test's own passed with -c: SigV4, plain HTTP.
/// </summary>
/// <remarks>
/// Virtual-host style: host_bucket = %(bucket)s.nuage.test:PORT. No resolver knows that name, so s3cmd's
/// proxy_host/proxy_port point at the server itself; s3cmd then connects to 127.0.0.1:PORT and sends the request
/// in absolute form (PUT http://bucket.nuage.test:PORT/key), which HTTP/1.1 servers must accept (RFC 9112 §3.2.2).
/// Host header and signature are exactly s3cmd's.
/// </remarks>
[Collection(CompatCollection.Name)]
public sealed class S3cmdTests : IDisposable
{
    private readonly CompatServerFixture _fixture;
    private readonly TempDirectory _work = new("nuage-s3cmd-");

    public S3cmdTests(CompatServerFixture fixture) => _fixture = fixture;

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData(Addressing.Path)]
    [InlineData(Addressing.VirtualHost)]
    public async Task Mb_put_ls_get_del_rb(Addressing addressing)
    {
        ChildProcess.Require("s3cmd", "install the Debian package s3cmd");
        var config = WriteConfig(addressing, NuageProcess.SecretKey);
        var bucket = _fixture.NewBucketName("s3cmd", addressing);
        var small = Path.Combine(_work.Path, "small.txt");
        var big = Path.Combine(_work.Path, LocalTree.BigFileName);
        var smallBytes = "small file from s3cmd\n"u8.ToArray();
        var bigBytes = TestBytes.Random(LocalTree.BigFileSize, seed: 20 + (int)addressing);
        await File.WriteAllBytesAsync(small, smallBytes);
        await File.WriteAllBytesAsync(big, bigBytes);
        try
        {
            // mb, with the debug log showing where the request went.
            var mb = (await S3cmdAsync(config, "-d", "mb", $"s3://{bucket}")).AssertSuccess();
            mb.Assert(mb.Output.Contains(ExpectedUri(addressing, bucket), StringComparison.Ordinal),
                $"expected s3cmd to address the bucket as `{ExpectedUri(addressing, bucket)}`");
            Assert.True(await _fixture.BucketExistsAsync(bucket), $"s3cmd mb did not create {bucket}");

            // put: a small file, and a 20 MiB file in 5 MiB parts.
            (await S3cmdAsync(config, "put", small, $"s3://{bucket}/docs/small.txt")).AssertSuccess();
            var putBig = (await S3cmdAsync(config, "put", "--multipart-chunk-size-mb=5", big, $"s3://{bucket}/{LocalTree.BigFileName}")).AssertSuccess();
            var objects = await _fixture.ListAsync(bucket);
            Assert.Equal(["big.bin", "docs/small.txt"], objects.Keys);
            Assert.Equal(TestBytes.QuotedETag(smallBytes), objects["docs/small.txt"].ETag);
            Assert.Equal(bigBytes.Length, objects[LocalTree.BigFileName].Size);
            putBig.Assert(objects[LocalTree.BigFileName].ETag.EndsWith($"-{LocalTree.BigFileParts}\"", StringComparison.Ordinal),
                $"expected a multipart ETag of {LocalTree.BigFileParts} parts, got {objects[LocalTree.BigFileName].ETag}");

            // ls: the buckets; one level of the bucket; every key with its size.
            var buckets = (await S3cmdAsync(config, "ls")).AssertSuccess();
            buckets.Assert(buckets.Output.Contains($"s3://{bucket}", StringComparison.Ordinal), $"expected s3cmd ls to list {bucket}");
            var level = (await S3cmdAsync(config, "ls", $"s3://{bucket}")).AssertSuccess();
            Assert.Equal(
                [("DIR", $"s3://{bucket}/docs/"), (bigBytes.Length.ToString(CultureInfo.InvariantCulture), $"s3://{bucket}/big.bin")],
                ParseLs(level.Output));
            var all = (await S3cmdAsync(config, "ls", "-r", $"s3://{bucket}")).AssertSuccess();
            Assert.Equal(
                [
                    (bigBytes.Length.ToString(CultureInfo.InvariantCulture), $"s3://{bucket}/big.bin"),
                    (smallBytes.Length.ToString(CultureInfo.InvariantCulture), $"s3://{bucket}/docs/small.txt"),
                ],
                ParseLs(all.Output));

            // get: the same bytes.
            var gotSmall = Path.Combine(_work.Path, "got-small.txt");
            var gotBig = Path.Combine(_work.Path, "got-big.bin");
            (await S3cmdAsync(config, "get", $"s3://{bucket}/docs/small.txt", gotSmall)).AssertSuccess();
            (await S3cmdAsync(config, "get", $"s3://{bucket}/{LocalTree.BigFileName}", gotBig)).AssertSuccess();
            Assert.Equal(smallBytes, await File.ReadAllBytesAsync(gotSmall));
            var gotBigBytes = await File.ReadAllBytesAsync(gotBig);
            Assert.True(bigBytes.AsSpan().SequenceEqual(gotBigBytes),
                $"s3cmd get returned {gotBigBytes.Length} bytes (md5 {TestBytes.Md5Hex(gotBigBytes)}), expected {bigBytes.Length} (md5 {TestBytes.Md5Hex(bigBytes)})");

            // rb of a bucket with objects fails; del then rb succeeds.
            var notEmpty = await S3cmdAsync(config, "rb", $"s3://{bucket}");
            notEmpty.Assert(notEmpty.ExitCode != 0 && notEmpty.Output.Contains("BucketNotEmpty", StringComparison.Ordinal),
                "expected s3cmd rb of a bucket with objects to fail with BucketNotEmpty");
            (await S3cmdAsync(config, "del", $"s3://{bucket}/docs/small.txt", $"s3://{bucket}/{LocalTree.BigFileName}")).AssertSuccess();
            Assert.Empty(await _fixture.ListAsync(bucket));
            (await S3cmdAsync(config, "rb", $"s3://{bucket}")).AssertSuccess();
            Assert.False(await _fixture.BucketExistsAsync(bucket), $"s3cmd rb left the bucket {bucket}");
        }
        finally
        {
            await _fixture.DeleteBucketIfPresentAsync(bucket);
        }
    }

    [Fact]
    public async Task A_wrong_secret_key_is_reported_by_s3cmd_as_SignatureDoesNotMatch()
    {
        ChildProcess.Require("s3cmd", "install the Debian package s3cmd");
        var config = WriteConfig(Addressing.Path, "not-the-secret-key");

        var result = await S3cmdAsync(config, "ls");

        result.Assert(result.ExitCode != 0, "expected s3cmd to fail");
        result.Assert(result.Output.Contains("SignatureDoesNotMatch", StringComparison.Ordinal), "expected SignatureDoesNotMatch");
    }

    private string ExpectedUri(Addressing addressing, string bucket) => addressing == Addressing.Path
        ? $"format_uri(): /{bucket}/"
        : $"format_uri(): http://{bucket}.{CompatServerFixture.Domain}:{_fixture.Port}/";

    private string WriteConfig(Addressing addressing, string secretKey)
    {
        var lines = new List<string>
        {
            "[default]",
            $"access_key = {NuageProcess.AccessKey}",
            $"secret_key = {secretKey}",
            "use_https = False",
            "signature_v2 = False",
            "bucket_location = us-east-1",
            "check_ssl_certificate = False",
            "progress_meter = False",
        };
        if (addressing == Addressing.Path)
        {
            lines.Add($"host_base = 127.0.0.1:{_fixture.Port}");
            lines.Add($"host_bucket = 127.0.0.1:{_fixture.Port}");
        }
        else
        {
            lines.Add($"host_base = {CompatServerFixture.Domain}:{_fixture.Port}");
            lines.Add($"host_bucket = %(bucket)s.{CompatServerFixture.Domain}:{_fixture.Port}");
            lines.Add("proxy_host = 127.0.0.1");
            lines.Add($"proxy_port = {_fixture.Port}");
        }

        var path = Path.Combine(_work.Path, $"s3cfg-{addressing}-{Guid.NewGuid():N}");
        File.WriteAllLines(path, lines);
        return path;
    }

    private Task<ChildResult> S3cmdAsync(string config, params string[] arguments) =>
        ChildProcess.RunAsync("s3cmd", ["-c", config, .. arguments], workingDirectory: _work.Path, timeout: TimeSpan.FromSeconds(60));

    /// <summary>`s3cmd ls` prints "DATE TIME SIZE URI" for objects and "DIR URI" for common prefixes.</summary>
    private static List<(string Size, string Uri)> ParseLs(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => fields[0] == "DIR" ? (fields[0], fields[1]) : (fields[2], fields[3]))
            .ToList();
}
