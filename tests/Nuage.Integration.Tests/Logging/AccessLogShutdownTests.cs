using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Logging;

/// <summary>
/// A graceful stop delivers the buffered access log records: with an hour between deliveries, the records of a
/// request made just before SIGTERM are in the target bucket when the server comes back.
/// </summary>
public sealed class AccessLogShutdownTests : IDisposable
{
    private readonly TempDirectory _data = new("nuage-logging-stop-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_graceful_stop_flushes_the_buffered_records()
    {
        var dataDirectory = Path.Combine(_data.Path, "data");
        string[] slow = ["--access-log-interval-seconds", "3600"];
        await using (var server = await NuageProcess.StartAsync(dataDirectory, extraArguments: slow))
        {
            using var s3 = server.CreateS3Client();
            await s3.PutBucketAsync("stop-src");
            await s3.PutBucketAsync("stop-logs");
            await s3.PutBucketLoggingAsync(new PutBucketLoggingRequest
            {
                BucketName = "stop-src",
                LoggingConfig = new S3BucketLoggingConfig { TargetBucketName = "stop-logs", TargetPrefix = "log/" },
            });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "stop-src", Key = "last-words", ContentBody = "x" });
            Assert.Empty(await AccessLogRecords.KeysAsync(s3, "stop-logs", "log/"));
            Assert.Equal(0, await server.StopAsync());
            server.AssertNoErrors();
        }

        await using var restarted = await NuageProcess.StartAsync(dataDirectory, extraArguments: slow);
        using var client = restarted.CreateS3Client();
        var records = await AccessLogRecords.ReadAsync(client, "stop-logs", "log/");
        var record = Assert.Single(records);
        Assert.Equal(("REST.PUT.OBJECT", "last-words"), (record.Operation, record.Key));
        restarted.AssertNoErrors();
    }
}
