using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Observability;

/// <summary>
/// The console port's /metrics (issue 14, docs/metrics.md): parsed by Prometheus's own parser, every family the
/// issue names present with its type, and each moving under a load of real S3 requests by the AWS SDK.
/// </summary>
public sealed class MetricsTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    private const int SmallSize = 4096;
    private const int LargeSize = 300 * 1024; // above the 128 KiB inline limit: a blob file, its fsync and its directory's

    /// <summary>Every family of docs/metrics.md, as the parser names it (counters without _total) and its type.</summary>
    public static TheoryData<string, string> Families => new()
    {
        { "nuage_s3_requests", "counter" },
        { "nuage_s3_request_duration_seconds", "histogram" },
        { "nuage_s3_received_bytes", "counter" },
        { "nuage_s3_sent_bytes", "counter" },
        { "nuage_s3_errors", "counter" },
        { "nuage_bucket_objects", "gauge" },
        { "nuage_bucket_bytes", "gauge" },
        { "nuage_metadata_commit_batch_writes", "histogram" },
        { "nuage_metadata_commits", "counter" },
        { "nuage_metadata_failed_writes", "counter" },
        { "nuage_metadata_commit_queue_writes", "gauge" },
        { "nuage_storage_fsync_duration_seconds", "histogram" },
        { "nuage_blob_written_bytes", "counter" },
        { "nuage_blob_read_bytes", "counter" },
        { "nuage_storage_checksum_failures", "counter" },
        { "nuage_collector_backlog_blobs", "gauge" },
        { "process_cpu_seconds", "counter" },
        { "process_working_set_bytes", "gauge" },
        { "dotnet_collection_count", "counter" },
        { "system_runtime_dotnet_gc_collections", "gauge" },
        { "system_runtime_dotnet_gc_pause_time", "gauge" },
        { "system_runtime_dotnet_thread_pool_thread_count", "gauge" },
        { "system_runtime_dotnet_thread_pool_queue_length", "gauge" },
        { "microsoft_aspnetcore_server_kestrel_kestrel_active_connections", "gauge" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Family_is_served_with_its_type(string family, string type)
    {
        // A request first, so that every lazily created series (a bucket's gauges, Kestrel's) exists.
        await fixture.CreateBucketAsync("family-" + type);
        var metrics = await ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        Assert.True(metrics.Has(family), $"/metrics has no {family}; it has: {string.Join(", ", metrics.FamilyNames)}");
        Assert.Equal(type, metrics.TypeOf(family));
    }

    [Fact]
    public async Task Every_figure_moves_under_load()
    {
        var bucket = await fixture.CreateBucketAsync("metrics-load");
        var before = await ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        using var s3 = fixture.CreateS3Client();
        for (int i = 0; i < 10; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"small/{i}", InputStream = new MemoryStream(new byte[SmallSize]) });
        }

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "large", InputStream = new MemoryStream(new byte[LargeSize]) });
        for (int i = 0; i < 10; i++)
        {
            using var small = await s3.GetObjectAsync(bucket, $"small/{i}");
            await small.ResponseStream.CopyToAsync(Stream.Null);
        }

        using (var large = await s3.GetObjectAsync(bucket, "large"))
        {
            await large.ResponseStream.CopyToAsync(Stream.Null);
        }

        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "no-such-key"));
        Assert.Equal("NoSuchKey", missing.ErrorCode);

        // An overwrite of the blob-backed object leaves its old blob to the collector; a delete removes one object.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "large", InputStream = new MemoryStream(new byte[LargeSize]) });
        await s3.DeleteObjectAsync(bucket, "small/9");

        var after = await ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        double Delta(string sample, params (string, string)[] labels) => after.ValueOrZero(sample, labels) - before.ValueOrZero(sample, labels);

        // S3: requests by operation and status class, latency, bytes in and out, errors by code.
        Assert.True(Delta("nuage_s3_requests_total", ("operation", "PutObject"), ("status_class", "2xx")) >= 12);
        Assert.True(Delta("nuage_s3_requests_total", ("operation", "GetObject"), ("status_class", "2xx")) >= 11);
        Assert.True(Delta("nuage_s3_requests_total", ("operation", "GetObject"), ("status_class", "4xx")) >= 1);
        Assert.True(Delta("nuage_s3_requests_total", ("operation", "DeleteObject"), ("status_class", "2xx")) >= 1);
        Assert.True(Delta("nuage_s3_request_duration_seconds_count", ("operation", "PutObject")) >= 12);
        Assert.True(Delta("nuage_s3_request_duration_seconds_sum", ("operation", "PutObject")) > 0);
        Assert.True(Delta("nuage_s3_request_duration_seconds_bucket", ("operation", "PutObject"), ("le", "+Inf")) >= 12);
        Assert.True(Delta("nuage_s3_received_bytes_total", ("operation", "PutObject")) >= (10 * SmallSize) + (2 * LargeSize));
        Assert.True(Delta("nuage_s3_sent_bytes_total", ("operation", "GetObject")) >= (10 * SmallSize) + LargeSize);
        Assert.True(Delta("nuage_s3_errors_total", ("code", "NoSuchKey")) >= 1);

        // Per bucket: exact, kept by the commits themselves.
        Assert.Equal(10, after.Value("nuage_bucket_objects", ("bucket", bucket)));
        Assert.Equal((9 * SmallSize) + LargeSize, after.Value("nuage_bucket_bytes", ("bucket", bucket)));

        // Engine: group commits, fsyncs of each kind, blob bytes both ways, the writer's queue, the collector's backlog.
        Assert.True(Delta("nuage_metadata_commit_batch_writes_count") >= 1);
        Assert.True(Delta("nuage_metadata_commit_batch_writes_sum") >= 13);
        Assert.True(Delta("nuage_metadata_commits_total") >= 1);
        Assert.True(Delta("nuage_storage_fsync_duration_seconds_count", ("target", "metadata_commit")) >= 1);
        Assert.True(Delta("nuage_storage_fsync_duration_seconds_count", ("target", "blob_file")) >= 2);
        Assert.True(Delta("nuage_storage_fsync_duration_seconds_count", ("target", "directory")) >= 1);
        Assert.True(Delta("nuage_blob_written_bytes_total") >= 2 * LargeSize);
        Assert.True(Delta("nuage_blob_read_bytes_total") >= LargeSize);
        Assert.True(after.Value("nuage_metadata_commit_queue_writes") >= 0);
        var backlog = after.Value("nuage_collector_backlog_blobs");
        Assert.True(backlog >= 1 || Directory.EnumerateFiles(Path.Combine(fixture.Server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories)
            .Count(f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp") == 1,
            "the overwritten blob is either waiting for the collector (backlog >= 1) or already deleted by a pass in between");
        Assert.Equal(0, after.Value("nuage_storage_checksum_failures_total", ("kind", "blob")));

        // Process: the runtime's own instrumentation.
        Assert.True(Delta("process_cpu_seconds_total") > 0);
        Assert.True(after.Value("process_working_set_bytes") > 10_000_000);
        Assert.True(after.Samples("system_runtime_dotnet_gc_collections").Any());
        Assert.True(after.Value("system_runtime_dotnet_thread_pool_thread_count") >= 1);

        // The scrape's own connection is open while it is served.
        Assert.True(after.Samples("microsoft_aspnetcore_server_kestrel_kestrel_active_connections").Sum(s => s.Value ?? 0) >= 1);
    }

    [Fact]
    public async Task A_deleted_buckets_series_leave_with_it()
    {
        var bucket = await fixture.CreateBucketAsync("metrics-gone");
        using var s3 = fixture.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "12345" });
        var present = await ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        Assert.Equal(1, present.Value("nuage_bucket_objects", ("bucket", bucket)));
        Assert.Equal(5, present.Value("nuage_bucket_bytes", ("bucket", bucket)));

        await s3.DeleteObjectAsync(bucket, "k");
        await s3.DeleteBucketAsync(bucket);
        var gone = await ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        Assert.Empty(gone.Samples("nuage_bucket_objects", ("bucket", bucket)));
        Assert.Empty(gone.Samples("nuage_bucket_bytes", ("bucket", bucket)));
    }

    [Fact]
    public async Task No_label_holds_a_key_or_an_access_key()
    {
        var bucket = await fixture.CreateBucketAsync("metrics-labels");
        using var s3 = fixture.CreateS3Client();
        const string key = "labels-must-not-hold-this-key";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "x" });
        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, key + "-missing"));

        var metrics = await ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        Assert.DoesNotContain(key, metrics.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(NuageProcess.AccessKey, metrics.Text, StringComparison.Ordinal);

        // The bucket appears only as the label of the three per-bucket gauges.
        var lines = metrics.Text.Split('\n').Where(l => !l.StartsWith('#') && l.Contains(bucket, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Matches("^nuage_bucket_(objects|bytes|stored_bytes)\\{bucket=\"", l));
    }
}
