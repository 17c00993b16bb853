using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Observability;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Encryption;

/// <summary>
/// SSE-S3 through AWSSDK.S3: x-amz-server-side-encryption: AES256 on PUT, copy and multipart; the header on every
/// answer; plaintext ETag and size; whole, ranged and per-part reads; and no plaintext in the data directory.
/// </summary>
public sealed class SseS3Tests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    [InlineData(65536)]
    [InlineData(200_000)]
    [InlineData(1_000_000)]
    public async Task An_AES256_object_round_trips_with_its_plaintext_ETag_size_and_ranges(int size)
    {
        var bucket = await fixture.CreateBucketAsync("sse-s3-trip");
        var body = TestBytes.Random(size, size + 1);
        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k", InputStream = new MemoryStream(body), ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
        Assert.Equal(ServerSideEncryptionMethod.AES256, put.ServerSideEncryptionMethod);
        Assert.Equal(TestBytes.QuotedETag(body), put.ETag);

        var head = await _s3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal(ServerSideEncryptionMethod.AES256, head.ServerSideEncryptionMethod);
        Assert.Equal(size, head.ContentLength);
        Assert.Equal(TestBytes.QuotedETag(body), head.ETag);

        using (var get = await _s3.GetObjectAsync(bucket, "k"))
        {
            Assert.Equal(ServerSideEncryptionMethod.AES256, get.ServerSideEncryptionMethod);
            Assert.Equal(body, await ReadAllAsync(get));
        }

        // Ranges that start and end inside blocks, straddle the 64 KiB block boundary, and take the last byte.
        foreach (var (first, last) in new (long, long)[] { (0, 0), (1, 100), (65_530, 65_545), (size / 3, (2L * size / 3) + 1), (size - 1, size - 1) })
        {
            if (size == 0 || last >= size || first > last)
            {
                continue;
            }

            using var ranged = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", ByteRange = new ByteRange(first, last) });
            Assert.Equal(HttpStatusCode.PartialContent, ranged.HttpStatusCode);
            Assert.Equal(body.AsSpan((int)first, (int)(last - first + 1)).ToArray(), await ReadAllAsync(ranged));
        }
    }

    [Fact]
    public async Task Encrypted_bytes_are_not_stored_in_the_clear_inline_or_in_blobs()
    {
        var bucket = await fixture.CreateBucketAsync("sse-s3-disk");
        var secret = DataDirectoryScan.Marker("sse-s3-" + Guid.NewGuid().ToString("N"));
        var clear = DataDirectoryScan.Marker("clear-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, size) in new[] { ("small", 10_000), ("large", 3_000_000) })
        {
            await _s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = key, InputStream = new MemoryStream(DataDirectoryScan.Payload(secret, size)),
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
            });
        }

        // The control: the same kind of object without encryption is found, so the scan would see the marker.
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "clear", InputStream = new MemoryStream(DataDirectoryScan.Payload(clear, 3_000_000)) });

        Assert.NotEmpty(DataDirectoryScan.FilesContaining(fixture.Server.DataDirectory, clear));
        Assert.Empty(DataDirectoryScan.FilesContaining(fixture.Server.DataDirectory, secret));
        using var get = await _s3.GetObjectAsync(bucket, "large");
        Assert.Equal(DataDirectoryScan.Payload(secret, 3_000_000), await ReadAllAsync(get));
    }

    [Fact]
    public void The_master_key_file_is_created_at_start_and_readable_by_its_owner_only()
    {
        var path = Path.Combine(fixture.Server.DataDirectory, "encryption.key");
        Assert.True(File.Exists(path));
        Assert.Equal(32, new FileInfo(path).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        // Never logged: the key's bytes appear in none of the server's output.
        var hex = Convert.ToHexString(File.ReadAllBytes(path));
        var base64 = Convert.ToBase64String(File.ReadAllBytes(path));
        Assert.DoesNotContain(fixture.Server.Output, line => line.Contains(hex, StringComparison.OrdinalIgnoreCase) || line.Contains(base64, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_multipart_upload_with_AES256_is_encrypted_and_reads_whole_by_range_and_by_part()
    {
        var bucket = await fixture.CreateBucketAsync("sse-s3-mpu");
        var marker = DataDirectoryScan.Marker("sse-mpu-" + Guid.NewGuid().ToString("N"));
        var parts = new[] { DataDirectoryScan.Payload(marker, TestBytes.MinPartSize), DataDirectoryScan.Payload(marker, TestBytes.MinPartSize + 7), DataDirectoryScan.Payload(marker, 123_457) };
        var init = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "mpu", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
        Assert.Equal(ServerSideEncryptionMethod.AES256, init.ServerSideEncryptionMethod);
        var etags = new List<PartETag>();
        for (int i = 0; i < parts.Length; i++)
        {
            var part = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "mpu", UploadId = init.UploadId, PartNumber = i + 1, InputStream = new MemoryStream(parts[i]),
            });
            Assert.Equal(ServerSideEncryptionMethod.AES256, part.ServerSideEncryptionMethod);
            Assert.Equal(TestBytes.QuotedETag(parts[i]), part.ETag);
            etags.Add(new PartETag(i + 1, part.ETag));
        }

        var done = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "mpu", UploadId = init.UploadId, PartETags = etags });
        Assert.Equal(ServerSideEncryptionMethod.AES256, done.ServerSideEncryptionMethod);

        var whole = parts.SelectMany(p => p).ToArray();
        Assert.Empty(DataDirectoryScan.FilesContaining(fixture.Server.DataDirectory, marker));
        using (var get = await _s3.GetObjectAsync(bucket, "mpu"))
        {
            Assert.Equal(ServerSideEncryptionMethod.AES256, get.ServerSideEncryptionMethod);
            Assert.Equal(whole.Length, get.ContentLength);
            Assert.Equal(whole, await ReadAllAsync(get));
        }

        // A range across the first part boundary, and part 2 by number.
        long from = TestBytes.MinPartSize - 70_000, to = TestBytes.MinPartSize + 70_000;
        using (var ranged = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "mpu", ByteRange = new ByteRange(from, to) }))
        {
            Assert.Equal(whole.AsSpan((int)from, (int)(to - from + 1)).ToArray(), await ReadAllAsync(ranged));
        }

        using var second = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "mpu", PartNumber = 2 });
        Assert.Equal(parts[1], await ReadAllAsync(second));
    }

    [Fact]
    public async Task Copy_encrypts_as_the_request_asks_whatever_the_source_was()
    {
        var bucket = await fixture.CreateBucketAsync("sse-s3-copy");
        var body = TestBytes.Random(300_000, 9);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "clear", InputStream = new MemoryStream(body) });

        var encrypted = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "clear", DestinationBucket = bucket, DestinationKey = "enc",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
        Assert.Equal(ServerSideEncryptionMethod.AES256, encrypted.ServerSideEncryptionMethod);
        Assert.Equal(ServerSideEncryptionMethod.AES256, (await _s3.GetObjectMetadataAsync(bucket, "enc")).ServerSideEncryptionMethod);

        // Encrypting an object in place is a change, so copying it onto itself with the header is allowed.
        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "clear", DestinationBucket = bucket, DestinationKey = "clear",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
        Assert.Equal(ServerSideEncryptionMethod.AES256, (await _s3.GetObjectMetadataAsync(bucket, "clear")).ServerSideEncryptionMethod);

        var back = await _s3.CopyObjectAsync(bucket, "enc", bucket, "plain-again");
        Assert.NotEqual(ServerSideEncryptionMethod.AES256, back.ServerSideEncryptionMethod);
        Assert.True(string.IsNullOrEmpty((await _s3.GetObjectMetadataAsync(bucket, "plain-again")).ServerSideEncryptionMethod?.Value));
        using var get = await _s3.GetObjectAsync(bucket, "plain-again");
        Assert.Equal(body, await ReadAllAsync(get));
    }

    [Fact]
    public async Task A_ranged_GET_reads_only_the_encrypted_blocks_it_needs()
    {
        var bucket = await fixture.CreateBucketAsync("sse-s3-blocks");
        var body = TestBytes.Random(8 * TestBytes.MiB, 11);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "big", InputStream = new MemoryStream(body), ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });

        // Tests of one class run one at a time, so the blob reads counted between the scrapes are this GET's.
        var before = await ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        using (var ranged = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "big", ByteRange = new ByteRange(5_000_000, 5_000_099) }))
        {
            Assert.Equal(body.AsSpan(5_000_000, 100).ToArray(), await ReadAllAsync(ranged));
        }

        var after = await ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        var read = after.ValueOrZero("nuage_blob_read_bytes_total") - before.ValueOrZero("nuage_blob_read_bytes_total");

        // One 64 KiB block is needed; the blob store reads at most one chunk of four 64 KiB frames around it.
        Assert.InRange(read, 100, 4 * 64 * 1024 + 64);
    }

    [Fact]
    public async Task A_read_that_sends_x_amz_server_side_encryption_is_InvalidArgument()
    {
        var bucket = await fixture.CreateBucketAsync("sse-s3-readhdr");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256 });
        var headers = new Dictionary<string, string> { ["x-amz-server-side-encryption"] = "AES256" };
        await RawS3.AssertErrorAsync(
            await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + bucket + "/k", headers: headers), HttpStatusCode.BadRequest, "InvalidArgument");
        var head = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Head, "/" + bucket + "/k", headers: headers);
        Assert.Equal(HttpStatusCode.BadRequest, head.StatusCode);
    }

    [Fact]
    public async Task An_unknown_algorithm_is_InvalidArgument_and_stores_nothing()
    {
        var bucket = await fixture.CreateBucketAsync("sse-s3-bad");
        var response = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Put, "/" + bucket + "/k", body: "x"u8.ToArray(),
            headers: new Dictionary<string, string> { ["x-amz-server-side-encryption"] = "AES128" });
        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(bucket, "k"));
    }

    internal static async Task<byte[]> ReadAllAsync(GetObjectResponse response)
    {
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
