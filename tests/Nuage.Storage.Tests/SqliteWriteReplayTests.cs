namespace Nuage.Storage.Tests;

using Nuage.Metadata;
using Nuage.Metadata.Sqlite;

/// <summary>
/// The SQLite engine declares <see cref="WriteReplay.Never"/> (docs/storage-engine.md "Write delegates and retries"):
/// its one writer serializes units of work, so even writers racing for the same row, sharing group-commit batches
/// with units that fail, see each delegate run exactly once.
/// </summary>
public sealed class SqliteWriteReplayTests : IAsyncLifetime
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
    public async Task Racing_writers_of_one_row_each_run_once_and_exactly_one_inserts_it()
    {
        await using var store = new SqliteMetadataStore(Path.Combine(_directory, "metadata.db"));
        Assert.Equal(WriteReplay.Never, store.WriteReplay);

        const int Writers = 64;
        var runs = new int[Writers];
        using var start = new ManualResetEventSlim();
        var writes = Enumerable.Range(0, Writers).Select(i => Task.Run(() =>
        {
            start.Wait();
            return store.WriteAsync(
                tx =>
                {
                    // Counted outside the transaction on purpose: this is what a replay would repeat.
                    Interlocked.Increment(ref runs[i]);
                    bool inserted = tx.InsertBucket(new BucketRow("contended", "acct-" + i, "local", tx.Now));
                    return i % 4 == 3 ? throw new InvalidOperationException("unit " + i + " fails") : inserted;
                },
                CancellationToken.None);
        })).ToArray();
        start.Set();

        var outcomes = new List<bool>();
        foreach (var write in writes)
        {
            try
            {
                outcomes.Add(await write);
            }
            catch (InvalidOperationException)
            {
                // A failing unit is rolled back alone; its insert, if it won, is undone with it.
            }
        }

        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.Equal(Writers - (Writers / 4), outcomes.Count);
        Assert.Equal(1, outcomes.Count(inserted => inserted));
        var bucket = await store.GetBucketAsync("contended", CancellationToken.None);
        Assert.NotNull(bucket);
        Assert.NotEqual(3, int.Parse(bucket.Owner["acct-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 4);
    }
}
