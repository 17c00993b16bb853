using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>TransferUtility: the SDK's high-level multipart upload and download, as applications use it.</summary>
public sealed class TransferUtilityTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();
    private readonly TempDirectory _files = new("nuage-sdk-transfer-");

    public void Dispose()
    {
        _s3.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Twenty_MiB_upload_goes_multipart_and_downloads_byte_for_byte()
    {
        var bucket = await fixture.CreateBucketAsync("transfer");
        var data = TestBytes.Random(20 * TestBytes.MiB + 123, seed: 20);
        var source = Path.Combine(_files.Path, "upload.bin");
        var target = Path.Combine(_files.Path, "download.bin");
        await File.WriteAllBytesAsync(source, data);
        using var transfer = new TransferUtility(_s3, new TransferUtilityConfig { MinSizeBeforePartUpload = 8 * TestBytes.MiB });

        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = bucket, Key = "large.bin", FilePath = source, PartSize = TestBytes.MinPartSize,
        });
        await transfer.DownloadAsync(new TransferUtilityDownloadRequest { BucketName = bucket, Key = "large.bin", FilePath = target });

        Assert.Equal(data, await File.ReadAllBytesAsync(target));
        var head = await _s3.GetObjectMetadataAsync(bucket, "large.bin");
        var parts = Enumerable.Range(0, 5).Select(i => data.AsSpan(i * TestBytes.MinPartSize, Math.Min(TestBytes.MinPartSize, data.Length - (i * TestBytes.MinPartSize))).ToArray());
        Assert.Equal(TestBytes.MultipartETag(parts), head.ETag);
        Assert.Equal(data.Length, head.ContentLength);
        Assert.Empty((await _s3.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
    }

    [Fact]
    public async Task Open_stream_reads_a_multipart_object_in_full()
    {
        var bucket = await fixture.CreateBucketAsync("transfer-stream");
        var data = TestBytes.Random(11 * TestBytes.MiB, seed: 11);
        using var transfer = new TransferUtility(_s3, new TransferUtilityConfig { MinSizeBeforePartUpload = TestBytes.MinPartSize });
        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = bucket, Key = "k", InputStream = new MemoryStream(data), PartSize = TestBytes.MinPartSize,
        });

        await using var stream = await transfer.OpenStreamAsync(bucket, "k");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(data, copy.ToArray());
        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k" });
        Assert.EndsWith("-3\"", head.ETag, StringComparison.Ordinal);
    }
}
