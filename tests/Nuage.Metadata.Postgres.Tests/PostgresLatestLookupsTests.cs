using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// GET and HEAD without a versionId on a real server: concurrent lookups of latest versions share statements
/// (PostgresLatestLookups), and each caller still gets exactly its own key's row, or null.
/// </summary>
public sealed class PostgresLatestLookupsTests
{
    [Fact]
    public async Task Concurrent_lookups_share_statements_and_each_gets_its_own_keys_latest_row()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await store.WriteAsync(
            tx =>
            {
                tx.InsertBucket(new BucketRow("bucket-a", "o", "local", tx.Now));
                tx.InsertBucket(new BucketRow("bucket-b", "o", "local", tx.Now));
                for (int i = 0; i < 200; i++)
                {
                    // The same key names in two buckets, with different sizes and bytes: a batch pairs bucket and key.
                    tx.PutObject(Row("bucket-a", $"k{i}", "null", Bytes("a", i)), versionIdIsNew: false);
                    if (i % 2 == 0)
                    {
                        tx.PutObject(Row("bucket-b", $"k{i}", "null", Bytes("bb", i)), versionIdIsNew: false);
                    }
                }

                // A key with three versions: the latest is the last written.
                for (int v = 1; v <= 3; v++)
                {
                    tx.PutObject(Row("bucket-a", "versioned", $"v{v}", Bytes("v", v)), versionIdIsNew: true);
                }

                return true;
            },
            CancellationToken.None);
        long statementsBefore = store.LatestLookupStatements;

        // Fired together: all of them are queued before the first statements answer.
        var lookups = new List<(string Bucket, string Key, bool WithData, Task<ObjectRow?> Row)>();
        for (int i = 0; i < 200; i++)
        {
            foreach (var bucket in new[] { "bucket-a", "bucket-b" })
            {
                bool withData = i % 3 != 0;
                lookups.Add((bucket, $"k{i}", withData, store.GetObjectAsync(bucket, $"k{i}", null, withData, CancellationToken.None).AsTask()));
            }

            lookups.Add(("bucket-a", $"missing{i}", true, store.GetObjectAsync("bucket-a", $"missing{i}", null, true, CancellationToken.None).AsTask()));
        }

        lookups.Add(("bucket-a", "versioned", true, store.GetObjectAsync("bucket-a", "versioned", null, true, CancellationToken.None).AsTask()));
        await Task.WhenAll(lookups.Select(l => l.Row));

        foreach (var (bucket, key, withData, task) in lookups)
        {
            var row = await task;
            byte[]? expected = Expected(bucket, key);
            if (expected is null)
            {
                Assert.Null(row);
                continue;
            }

            Assert.NotNull(row);
            Assert.Equal((bucket, key, (long)expected.Length), (row.Bucket, row.Key, row.Size));
            Assert.True(row.IsLatest);
            if (withData)
            {
                Assert.Equal(expected, Assert.IsType<InlineData>(row.Data).Bytes);
            }
            else
            {
                Assert.Null(row.Data);
            }
        }

        Assert.Equal("v3", (await lookups[^1].Row)!.VersionId);
        long statements = store.LatestLookupStatements - statementsBefore;
        Assert.True(statements < lookups.Count / 4, $"{lookups.Count} concurrent lookups took {statements} statements");
    }

    [Fact]
    public async Task A_lookup_after_an_acknowledged_write_sees_it_while_other_lookups_are_in_flight()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await store.WriteAsync(t => t.InsertBucket(new BucketRow("bucket-a", "o", "local", t.Now)), CancellationToken.None);

        // Readers keep statements in flight while a writer overwrites one key; each read that starts after a write
        // was acknowledged must see that write or a later one, never an older one.
        using var stop = new CancellationTokenSource();
        var background = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await store.GetObjectAsync("bucket-a", "hot", null, true, CancellationToken.None);
            }
        })).ToList();
        for (int n = 1; n <= 50; n++)
        {
            await store.WriteAsync(t => { t.PutObject(Row("bucket-a", "hot", "null", Bytes("n", n)), versionIdIsNew: false); return true; }, CancellationToken.None);
            var seen = await store.GetObjectAsync("bucket-a", "hot", null, true, CancellationToken.None);
            Assert.Equal(Bytes("n", n), Assert.IsType<InlineData>(seen!.Data).Bytes);
        }

        await stop.CancelAsync();
        await Task.WhenAll(background);
    }

    [Fact]
    public async Task Every_lookup_of_a_batch_fails_as_unavailable_while_the_server_is_down_and_works_after()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await store.WriteAsync(
            t =>
            {
                t.InsertBucket(new BucketRow("bucket-a", "o", "local", t.Now));
                t.PutObject(Row("bucket-a", "k", "null", Bytes("k", 1)), versionIdIsNew: false);
                return true;
            },
            CancellationToken.None);

        await cluster.StopAsync(PostgresStopMode.Fast);
        var failing = Enumerable.Range(0, 20).Select(_ => store.GetObjectAsync("bucket-a", "k", null, true, CancellationToken.None).AsTask()).ToList();
        foreach (var lookup in failing)
        {
            await Assert.ThrowsAsync<MetadataUnavailableException>(() => lookup);
        }

        await cluster.StartAsync();
        var rows = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.GetObjectAsync("bucket-a", "k", null, true, CancellationToken.None).AsTask()));
        Assert.All(rows, row => Assert.Equal(Bytes("k", 1), Assert.IsType<InlineData>(row!.Data).Bytes));
    }

    private static byte[]? Expected(string bucket, string key)
    {
        if (key == "versioned")
        {
            return Bytes("v", 3);
        }

        if (!key.StartsWith('k'))
        {
            return null;
        }

        int i = int.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture);
        return bucket == "bucket-a" ? Bytes("a", i) : i % 2 == 0 ? Bytes("bb", i) : null;
    }

    private static byte[] Bytes(string tag, int i) => System.Text.Encoding.UTF8.GetBytes($"{tag}-{i}");

    private static ObjectRow Row(string bucket, string key, string versionId, byte[] bytes) =>
        new(bucket, key, versionId, bytes.Length, "etag", DateTimeOffset.UtcNow, "local", "o", StoredAttributes.Empty, null, null,
            new InlineData(bytes, (ulong)bytes.Length)); // the engine stores the checksum as given; its value is not what this test reads
}
