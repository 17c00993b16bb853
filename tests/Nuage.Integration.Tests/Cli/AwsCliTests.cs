using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Cli;

/// <summary>
/// The everyday awscli flows of issue 3 against the real server: mb/ls/rm/rb, a 40 MiB multipart cp both ways,
/// sync of a nested folder both ways (and a second sync that transfers nothing), presign fetched with curl, and
/// s3api errors surfacing S3's error code.
/// </summary>
public sealed class AwsCliTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AwsCli _aws = new(fixture.Endpoint);
    private readonly TempDirectory _work = new("nuage-awscli-work-");

    [Fact]
    public async Task Mb_ls_cp_rm_rb_round_trip()
    {
        var bucket = fixture.NewBucketName("cli-mb");
        var made = await _aws.SucceedAsync("s3", "mb", $"s3://{bucket}");
        Assert.Contains($"make_bucket: {bucket}", made.StandardOutput, StringComparison.Ordinal);

        var buckets = await _aws.SucceedAsync("s3", "ls");
        Assert.Contains(buckets.StandardOutput.Split('\n'), line => line.TrimEnd().EndsWith(" " + bucket, StringComparison.Ordinal));

        var file = Path.Combine(_work.Path, "hello.txt");
        await File.WriteAllTextAsync(file, "hello from awscli\n");
        await _aws.SucceedAsync("s3", "cp", file, $"s3://{bucket}/docs/hello.txt");

        var top = await _aws.SucceedAsync("s3", "ls", $"s3://{bucket}/");
        Assert.Contains("PRE docs/", top.StandardOutput, StringComparison.Ordinal);
        var listed = await _aws.SucceedAsync("s3", "ls", $"s3://{bucket}/docs/");
        var line = Assert.Single(listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+18 hello\.txt$", line.TrimEnd());

        var removed = await _aws.SucceedAsync("s3", "rm", $"s3://{bucket}/docs/hello.txt");
        Assert.Contains($"delete: s3://{bucket}/docs/hello.txt", removed.StandardOutput, StringComparison.Ordinal);
        var after = await _aws.RunAsync("s3", "ls", $"s3://{bucket}/docs/");
        Assert.DoesNotContain("hello.txt", after.StandardOutput, StringComparison.Ordinal);

        await _aws.SucceedAsync("s3", "rb", $"s3://{bucket}");
        var remaining = await _aws.SucceedAsync("s3", "ls");
        Assert.DoesNotContain(remaining.StandardOutput.Split('\n'), l => l.TrimEnd().EndsWith(" " + bucket, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cp_of_40_MiB_uses_multipart_and_comes_back_byte_for_byte()
    {
        var bucket = await fixture.CreateBucketAsync("cli-cp-large");
        var original = Path.Combine(_work.Path, "big.bin");
        var data = RandomNumberGenerator.GetBytes(40 * 1024 * 1024);
        await File.WriteAllBytesAsync(original, data);

        await _aws.SucceedAsync("s3", "cp", "--no-progress", original, $"s3://{bucket}/large/big.bin");

        // awscli's multipart_threshold and multipart_chunksize default to 8 MiB: five parts, so the ETag says "-5".
        using (var s3 = fixture.CreateS3Client())
        {
            var head = await s3.GetObjectMetadataAsync(bucket, "large/big.bin");
            Assert.Equal(data.LongLength, head.ContentLength);
            Assert.Equal(ExpectedMultipartETag(data, 8 * 1024 * 1024), head.ETag.Trim('"'));
        }

        var copy = Path.Combine(_work.Path, "big.down.bin");
        await _aws.SucceedAsync("s3", "cp", "--no-progress", $"s3://{bucket}/large/big.bin", copy);
        AssertSameBytes(data, await File.ReadAllBytesAsync(copy));
    }

    [Fact]
    public async Task Sync_of_a_nested_folder_both_ways_then_again_transfers_nothing()
    {
        var bucket = await fixture.CreateBucketAsync("cli-sync");
        var source = Path.Combine(_work.Path, "src");
        var files = new Dictionary<string, byte[]>
        {
            // Empty files have a test of their own below (they trip botocore's 100-continue handling).
            ["top.txt"] = Encoding.UTF8.GetBytes("top level\n"),
            ["sub/inline.bin"] = RandomNumberGenerator.GetBytes(100 * 1024),
            ["sub/blob.bin"] = RandomNumberGenerator.GetBytes(700 * 1024),
            ["sub/deeper/still/leaf.txt"] = Encoding.UTF8.GetBytes("deep leaf\n"),
            ["with space/name with space.txt"] = Encoding.UTF8.GetBytes("spaces\n"),
            ["unicodé/ñandú €.txt"] = Encoding.UTF8.GetBytes("unicode\n"),
            ["sub/multipart.bin"] = RandomNumberGenerator.GetBytes(9 * 1024 * 1024),
        };
        // An mtime safely in the past: sync uploads when the local file is newer than the object.
        var past = DateTime.UtcNow.AddHours(-2);
        foreach (var (relative, bytes) in files)
        {
            var path = Path.Combine(source, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
            File.SetLastWriteTimeUtc(path, past);
        }

        var up = await _aws.SucceedAsync("s3", "sync", "--no-progress", source, $"s3://{bucket}/tree");
        Assert.Equal(files.Count, CountLines(up.StandardOutput, "upload: "));

        using (var s3 = fixture.CreateS3Client())
        {
            var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "tree/" });
            Assert.Equal(
                files.Keys.Select(k => "tree/" + k).Order(StringComparer.Ordinal),
                listing.S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal));
            foreach (var entry in listing.S3Objects)
            {
                Assert.Equal(files[entry.Key["tree/".Length..]].LongLength, entry.Size);
            }
        }

        var again = await _aws.SucceedAsync("s3", "sync", "--no-progress", source, $"s3://{bucket}/tree");
        Assert.True(again.StandardOutput.Trim().Length == 0, "The second upload sync transferred something:\n" + again);

        var destination = Path.Combine(_work.Path, "dst");
        var down = await _aws.SucceedAsync("s3", "sync", "--no-progress", $"s3://{bucket}/tree", destination);
        Assert.Equal(files.Count, CountLines(down.StandardOutput, "download: "));
        var downloaded = Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(destination, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), downloaded);
        foreach (var (relative, bytes) in files)
        {
            AssertSameBytes(bytes, await File.ReadAllBytesAsync(Path.Combine(destination, relative)));
        }

        var downAgain = await _aws.SucceedAsync("s3", "sync", "--no-progress", $"s3://{bucket}/tree", destination);
        Assert.True(downAgain.StandardOutput.Trim().Length == 0, "The second download sync transferred something:\n" + downAgain);
    }

    /// <summary>
    /// awscli (botocore) sends "Expect: 100-continue" with every file upload, empty ones included. S3 answers
    /// "100 Continue" even when Content-Length is 0; a server that answers 200 at once leaves botocore's pooled
    /// connection with a stale status line, and the next upload on it stalls until the read timeout
    /// (boto/botocore#3755, boto/boto3#1341). One request at a time puts both uploads on one connection.
    /// </summary>
    [Fact]
    public async Task Sync_of_an_empty_file_then_another_on_one_connection_does_not_stall()
    {
        var bucket = await fixture.CreateBucketAsync("cli-sync-empty");
        var source = Path.Combine(_work.Path, "with-empty");
        Directory.CreateDirectory(source);
        await File.WriteAllBytesAsync(Path.Combine(source, "a-empty.txt"), []);
        await File.WriteAllTextAsync(Path.Combine(source, "b-after.txt"), "uploaded after an empty file\n");
        foreach (var file in Directory.GetFiles(source))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));
        }

        using var sequential = new AwsCli(fixture.Endpoint, "max_concurrent_requests = 1");
        var result = await sequential.RunAsync("s3", "sync", "--no-progress", "--cli-read-timeout", "10", source, $"s3://{bucket}/e");
        Assert.True(result.ExitCode == 0, "The upload after an empty file stalled on the same connection:\n" + result);

        using var s3 = fixture.CreateS3Client();
        Assert.Equal(0, (await s3.GetObjectMetadataAsync(bucket, "e/a-empty.txt")).ContentLength);
        Assert.Equal(29, (await s3.GetObjectMetadataAsync(bucket, "e/b-after.txt")).ContentLength);
    }

    [Fact]
    public async Task Presign_then_curl_fetches_exactly_the_bytes_and_a_tampered_url_is_refused()
    {
        var bucket = await fixture.CreateBucketAsync("cli-presign");
        var data = RandomNumberGenerator.GetBytes(300 * 1024 + 17);
        var file = Path.Combine(_work.Path, "presigned.bin");
        await File.WriteAllBytesAsync(file, data);
        await _aws.SucceedAsync("s3", "cp", file, $"s3://{bucket}/shared/presigned file.bin");

        var presign = await _aws.SucceedAsync("s3", "presign", $"s3://{bucket}/shared/presigned file.bin", "--expires-in", "600");
        var url = presign.StandardOutput.Trim();
        Assert.StartsWith(fixture.Endpoint.ToString().TrimEnd('/') + "/" + bucket + "/", url, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal);

        var fetched = Path.Combine(_work.Path, "fetched.bin");
        var curl = await Curl("--output", fetched, url);
        Assert.True(curl.ExitCode == 0, curl.ToString());
        AssertSameBytes(data, await File.ReadAllBytesAsync(fetched));

        // The same URL with one signature digit changed is refused, with S3's error document.
        var signatureAt = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        var tampered = url[..signatureAt] + (url[signatureAt] == '0' ? '1' : '0') + url[(signatureAt + 1)..];
        var refused = await Curl("--output", "-", "--write-out", "\n%{http_code}", tampered);
        Assert.True(refused.ExitCode == 0, refused.ToString());
        Assert.EndsWith("\n403", refused.StandardOutput.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", refused.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3api_get_of_a_missing_key_exits_with_NoSuchKey()
    {
        var bucket = await fixture.CreateBucketAsync("cli-err-nokey");
        var result = await _aws.RunAsync("s3api", "get-object", "--bucket", bucket, "--key", "does/not/exist", Path.Combine(_work.Path, "out"));
        Assert.True(result.ExitCode == await AwsCli.ServiceErrorExitCodeAsync(), result.ToString());
        Assert.Contains("(NoSuchKey)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3api_delete_of_a_non_empty_bucket_exits_with_BucketNotEmpty()
    {
        var bucket = await fixture.CreateBucketAsync("cli-err-notempty");
        using (var s3 = fixture.CreateS3Client())
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "keep", ContentBody = "x" });
        }

        var result = await _aws.RunAsync("s3api", "delete-bucket", "--bucket", bucket);
        Assert.True(result.ExitCode == await AwsCli.ServiceErrorExitCodeAsync(), result.ToString());
        Assert.Contains("(BucketNotEmpty)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3api_get_of_an_unsatisfiable_range_exits_with_InvalidRange()
    {
        var bucket = await fixture.CreateBucketAsync("cli-err-range");
        using (var s3 = fixture.CreateS3Client())
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "small", ContentBody = "0123456789" });
        }

        var result = await _aws.RunAsync("s3api", "get-object", "--bucket", bucket, "--key", "small", "--range", "bytes=100-200", Path.Combine(_work.Path, "out"));
        Assert.True(result.ExitCode == await AwsCli.ServiceErrorExitCodeAsync(), result.ToString());
        Assert.Contains("(InvalidRange)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3api_create_bucket_with_an_invalid_name_exits_with_InvalidBucketName()
    {
        var result = await _aws.RunAsync("s3api", "create-bucket", "--bucket", "Not_A_Valid_Bucket");
        Assert.True(result.ExitCode == await AwsCli.ServiceErrorExitCodeAsync(), result.ToString());
        Assert.Contains("(InvalidBucketName)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3api_head_of_a_missing_bucket_exits_with_404()
    {
        var result = await _aws.RunAsync("s3api", "head-bucket", "--bucket", fixture.NewBucketName("cli-never-created"));
        Assert.True(result.ExitCode == await AwsCli.ServiceErrorExitCodeAsync(), result.ToString());
        Assert.Contains("(404)", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>S3's multipart ETag: MD5 of the concatenated part MD5s, then "-" and the part count.</summary>
    internal static string ExpectedMultipartETag(byte[] data, int partSize)
    {
        var digests = new List<byte>();
        var parts = 0;
        for (var offset = 0; offset < data.Length; offset += partSize, parts++)
        {
            digests.AddRange(MD5.HashData(data.AsSpan(offset, Math.Min(partSize, data.Length - offset))));
        }

        return Convert.ToHexStringLower(MD5.HashData(digests.ToArray())) + "-" + parts;
    }

    internal static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var firstDifference = expected.AsSpan().CommonPrefixLength(actual);
        Assert.True(firstDifference == expected.Length, $"The bytes differ first at offset {firstDifference}.");
    }

    private static int CountLines(string output, string prefix) =>
        output.Split('\n').Count(l => l.TrimStart('\r').Contains(prefix, StringComparison.Ordinal));

    private Task<ChildResult> Curl(params string[] arguments) =>
        ChildProcess.RunAsync(ChildProcess.Find("/usr/bin/curl", "curl"),
            ["--silent", "--show-error", "--noproxy", "*", "--max-time", "60", .. arguments],
            new Dictionary<string, string?> { ["HOME"] = _aws.Home }, timeout: TimeSpan.FromSeconds(90));

    public void Dispose()
    {
        _aws.Dispose();
        _work.Dispose();
    }
}
