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
