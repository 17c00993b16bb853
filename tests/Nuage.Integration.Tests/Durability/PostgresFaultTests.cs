using System.Net;
using Amazon.S3;
using Npgsql;
using Nuage.Integration.Tests.BadInput;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// Issue 18 "Faults": the PostgreSQL metadata database restarted under load, and a failover to a synchronous
/// standby. Each test starts its own PostgreSQL (and standby) and its own Nuage on it, drives a stream of PUTs
/// through the AWS SDK with retries off, breaks the database, and then checks what a client saw (200 or 503
/// SlowDown, nothing else), that Nuage carried on by itself, and that every acknowledged PUT reads back.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresFaultTests
{
    private const int Writers = 4;
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_database_restart_under_load_answers_SlowDown_then_recovers_and_loses_no_acknowledged_PUT()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        using var data = new TempDirectory("nuage-pg-restart-");
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"), extraArguments: ["--metadata", cluster.Url]);
        using var s3 = server.CreateS3Client();
        const string bucket = "restart-under-load";
        await s3.PutBucketAsync(bucket);

        var load = new SdkPutStream(s3, bucket, Writers);
        var running = load.RunAsync();
        await load.WhenAcknowledged(20).WaitAsync(EventTimeout);

        await cluster.StopAsync(PostgresStopMode.Fast);
        await load.WhenSlowedDown(1).WaitAsync(EventTimeout);
        await AssertSlowDownWithRetryAfterAsync(server, bucket);

        // The same Nuage process, never restarted: its pool reconnects once the database is back.
        int beforeRestart = load.AcknowledgedCount;
        await cluster.StartAsync();
        await load.WhenAcknowledged(beforeRestart + 20).WaitAsync(EventTimeout);
        load.Stop();
        await running.WaitAsync(EventTimeout);

        Assert.Empty(load.Unexpected);
        Assert.False(server.HasExited);
        await AssertEveryAcknowledgedPutReadsBackAsync(s3, bucket, load);
    }

    [Fact]
    public async Task A_failover_to_a_synchronous_standby_keeps_every_acknowledged_PUT()
    {
        await using var primary = await PostgresCluster.StartNewAsync();
        await using var standby = await PostgresStandby.StartAsync(primary);

        // Both hosts; read-write makes Npgsql skip the standby until it is promoted (libpq target_session_attrs).
        var url = $"postgresql://{PostgresCluster.User}:{primary.Password}@{primary.Host}:{primary.Port},{standby.Host}:{standby.Port}/"
            + $"{PostgresCluster.Database}?target_session_attrs=read-write";
        using var data = new TempDirectory("nuage-pg-failover-");
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"), extraArguments: ["--metadata", url]);
        using var s3 = server.CreateS3Client();
        const string bucket = "failover";
        await s3.PutBucketAsync(bucket);

        var load = new SdkPutStream(s3, bucket, Writers);
        var running = load.RunAsync();
        await load.WhenAcknowledged(20).WaitAsync(EventTimeout);

        // A crash of the primary, then the operator's (or a failover manager's) promotion of the standby.
        await primary.KillAsync();
        await standby.PromoteAsync();

        int beforePromotion = load.AcknowledgedCount;
        await load.WhenAcknowledged(beforePromotion + 20).WaitAsync(EventTimeout);
        load.Stop();
        await running.WaitAsync(EventTimeout);

        Assert.Empty(load.Unexpected);
        Assert.False(server.HasExited);
        await AssertEveryAcknowledgedPutReadsBackAsync(s3, bucket, load);
    }

    [Fact]
    public async Task A_PUT_answered_SlowDown_while_its_commit_is_in_doubt_keeps_its_bytes_when_the_commit_went_through()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        using var data = new TempDirectory("nuage-pg-in-doubt-");
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"), extraArguments: ["--metadata", cluster.Url]);
        using var http = new SignedHttpClient(server.Endpoint, timeout: TimeSpan.FromSeconds(90));
        const string bucket = "in-doubt";
        Assert.Equal(HttpStatusCode.OK, await http.CreateBucketAsync(bucket));

        // A synchronous standby that never answers holds the next COMMIT after its commit record is written; stopping
        // the server then cuts that COMMIT off: committed, but Nuage cannot know it until the database is back.
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var sql in new[] { "ALTER SYSTEM SET synchronous_standby_names = 'absent_standby'", "SELECT pg_reload_conf()" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        // Larger than the inline threshold: the bytes go to a blob that the failed PUT's clean-up could delete.
        var body = new byte[1 << 20];
        Random.Shared.NextBytes(body);
        var put = http.PutObjectAsync(bucket, "in-doubt-object", body);
        await WaitForCommitWaitingOnTheStandbyAsync(cluster);
        await cluster.StopAsync(PostgresStopMode.Immediate);

        // Issue 18: the request in flight fails with 503 SlowDown, after the engine's bound (10 s), not when the
        // database returns.
        var (status, _, error) = await put.WaitAsync(EventTimeout);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("<Code>SlowDown</Code>", error, StringComparison.Ordinal);

        // Back: the object the PUT wrote is there, row and bytes (a clean-up at the 503 would have deleted the bytes).
        await cluster.StartAsync();
        var deadline = DateTime.UtcNow + EventTimeout;
        while (true)
        {
            var (readStatus, read, _) = await http.GetObjectAsync(bucket, "in-doubt-object");
            if (readStatus == HttpStatusCode.OK)
            {
                Assert.True(body.AsSpan().SequenceEqual(read), "the object does not read back as it was written");
                break;
            }

            // 503 until the pool reconnects.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readStatus);
            Assert.True(DateTime.UtcNow < deadline, "the object never became readable");
            await Task.Delay(200);
        }

        // Past the resolver's answer ("committed"): the bytes stay.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var (again, bytes, _) = await http.GetObjectAsync(bucket, "in-doubt-object");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.True(body.AsSpan().SequenceEqual(bytes));
    }

    private static async Task WaitForCommitWaitingOnTheStandbyAsync(PostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + EventTimeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event = 'SyncRep')", connection);
            if ((bool)(await command.ExecuteScalarAsync())!)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No COMMIT waited for the standby.");
    }

    /// <summary>
    /// While the database is down, a request's whole answer: 503, SlowDown, and Retry-After in seconds. A GET, whose
    /// read fails at once: a PUT could wait behind a commit whose outcome the engine is still finding out.
    /// </summary>
    private static async Task AssertSlowDownWithRetryAfterAsync(NuageProcess server, string bucket)
    {
        using var http = new SignedHttpClient(server.Endpoint);
        using var request = http.Create(HttpMethod.Get, Nuage.Testing.SigV4Signer.EncodePath(bucket, "during-the-outage"));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("<Code>SlowDown</Code>", body, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    private static async Task AssertEveryAcknowledgedPutReadsBackAsync(IAmazonS3 s3, string bucket, SdkPutStream load)
    {
        Assert.NotEmpty(load.Acknowledged);
        foreach (var (key, bytes) in load.Acknowledged)
        {
            using var read = await s3.GetObjectAsync(bucket, key);
            using var copy = new MemoryStream();
            await read.ResponseStream.CopyToAsync(copy);
            Assert.True(bytes.AsSpan().SequenceEqual(copy.ToArray()), $"{key} does not read back as it was written");
        }
    }
}
