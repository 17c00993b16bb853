namespace Nuage.Storage.Tests;

using System.Text;
using Nuage.Metadata;
using Nuage.Metadata.Sqlite;
using Nuage.Telemetry;

/// <summary>
/// Committed pages reach the database file through the background checkpointer, not the writer: the writer's own
/// automatic checkpoint only starts at 8,192 WAL pages, far more than these writes make.
/// </summary>
public sealed class WalCheckpointTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-tests-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Commits_are_copied_into_the_database_file_beside_the_writer_and_read_back_after_reopening()
    {
        string path = Path.Combine(_directory, "metadata.db");
        var metrics = new NuageMetrics();
        await using (var store = new SqliteMetadataStore(path, metrics))
        {
            long before = new FileInfo(path).Length;

            // 200 commits of 20 bucket rows: a few hundred WAL pages, under the writer's backstop.
            for (int commit = 0; commit < 200; commit++)
            {
                int first = commit * 20;
                await store.WriteAsync(
                    tx =>
                    {
                        for (int i = first; i < first + 20; i++)
                        {
                            tx.InsertBucket(new BucketRow($"bucket-{i:D5}", "acct-1", "local", DateTimeOffset.UnixEpoch));
                        }

                        return true;
                    },
                    CancellationToken.None);
            }

            // The database file only grows when a checkpoint copies pages into it.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (new FileInfo(path).Length <= before && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.True(new FileInfo(path).Length > before, "no checkpoint copied the committed pages into the database file");
            Assert.True(await CounterAsync(metrics, "nuage_metadata_checkpoint_pages_total") > 0);
            Assert.Equal(0, await CounterAsync(metrics, "nuage_metadata_checkpoint_failures_total"));
        }

        await using var reopened = new SqliteMetadataStore(path);
        Assert.Equal(4000, (await reopened.ListBucketsAsync("acct-1", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_checkpoint_found_busy_is_counted_as_run_without_pages_and_the_server_keeps_writing()
    {
        // Another connection checkpointing in a loop holds SQLite's checkpoint lock much of the time, so the
        // background checkpointer meets SQLITE_BUSY (the row 1, -1, -1), as it does when the writer's backstop runs.
        string path = Path.Combine(_directory, "metadata.db");
        var metrics = new NuageMetrics();
        await using var store = new SqliteMetadataStore(path, metrics);
        using var stop = new CancellationTokenSource();
        var rival = Task.Run(() =>
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            while (!stop.IsCancellationRequested)
            {
                checkpoint.ExecuteNonQuery();
            }
        });

        var deadline = DateTime.UtcNow.AddSeconds(20);
        int written = 0;
        while (await CounterAsync(metrics, "nuage_metadata_checkpoints_total") < 20 && DateTime.UtcNow < deadline)
        {
            int first = written;
            await store.WriteAsync(
                tx =>
                {
                    for (int i = first; i < first + 10; i++)
                    {
                        tx.InsertBucket(new BucketRow($"bucket-{i:D6}", "acct-1", "local", DateTimeOffset.UnixEpoch));
                    }

                    return true;
                },
                CancellationToken.None);
            written += 10;
        }

        await stop.CancelAsync();
        await rival;
        Assert.True(await CounterAsync(metrics, "nuage_metadata_checkpoints_total") >= 20, "the background checkpointer stopped running");
        Assert.True(await CounterAsync(metrics, "nuage_metadata_checkpoint_pages_total") >= 0);
        Assert.Equal(written, (await store.ListBucketsAsync("acct-1", CancellationToken.None)).Count);
    }

    private static async Task<double> CounterAsync(NuageMetrics metrics, string name)
    {
        using var text = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(text);
        foreach (string line in Encoding.UTF8.GetString(text.ToArray()).Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return double.Parse(line.AsSpan(name.Length + 1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException(name + " is not exported");
    }
}
