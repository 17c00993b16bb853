using Npgsql;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>The group-committing writer on a real server: failing units in a batch are undone alone.</summary>
public sealed class PostgresWriterBatchTests
{
    [Fact]
    public async Task A_unit_that_writes_then_throws_leaves_nothing_and_its_batch_mates_commit()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE scratch (n INTEGER PRIMARY KEY)", connection);
            await create.ExecuteNonQueryAsync();
        }

        // Fired together, so the writer takes many of them in one batch (first without savepoints, then again with).
        var writes = Enumerable.Range(1, 200).Select(i => store.WriteAsync(
            t =>
            {
                ((PostgresTransaction)t).Execute("INSERT INTO scratch (n) VALUES ($1)", i);
                return i % 7 == 0 ? throw new InvalidOperationException("unit " + i) : i;
            },
            CancellationToken.None)).ToList();
        foreach (var (write, i) in writes.Select((w, i) => (w, i + 1)))
        {
            if (i % 7 == 0)
            {
                var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => write);
                Assert.Equal("unit " + i, failure.Message);
            }
            else
            {
                Assert.Equal(i, await write);
            }
        }

        await using var check = new NpgsqlConnection(cluster.ConnectionString);
        await check.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT n FROM scratch ORDER BY n", check);
        var stored = new List<int>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetInt32(0));
            }
        }

        Assert.Equal(Enumerable.Range(1, 200).Where(i => i % 7 != 0), stored);
        Assert.Equal(200 - 200 / 7, store.Statistics.Writes);
    }

    [Fact]
    public async Task A_held_write_that_fails_is_charged_to_its_own_unit_and_its_batch_mates_commit()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE scratch (n INTEGER PRIMARY KEY); INSERT INTO scratch SELECT n FROM generate_series(7, 200, 7) AS n", connection);
            await create.ExecuteNonQueryAsync();
        }

        // Write holds the INSERT back, so a duplicate key surfaces only with a later statement: the unit's own read,
        // or another unit's, or the COMMIT. The unit's read must see its held row (sent before it, in order).
        var writes = Enumerable.Range(1, 200).Select(i => store.WriteAsync(
            t =>
            {
                var tx = (PostgresTransaction)t;
                tx.Write("INSERT INTO scratch (n) VALUES ($1)", i);
                if (i % 2 == 0)
                {
                    return (long)tx.Scalar("SELECT count(*) FROM scratch WHERE n = $1", i)!;
                }

                tx.Write("UPDATE scratch SET n = n WHERE n = $1", i);
                return 1L;
            },
            CancellationToken.None)).ToList();
        foreach (var (write, i) in writes.Select((w, i) => (w, i + 1)))
        {
            if (i % 7 == 0)
            {
                var failure = await Assert.ThrowsAsync<PostgresException>(() => write);
                Assert.Equal(PostgresErrorCodes.UniqueViolation, failure.SqlState);
            }
            else
            {
                Assert.Equal(1L, await write);
            }
        }

        await using var check = new NpgsqlConnection(cluster.ConnectionString);
        await check.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT count(*) FROM scratch", check);
        Assert.Equal(200L, (long)(await read.ExecuteScalarAsync())!);
        Assert.Equal(200 - 200 / 7, store.Statistics.Writes);
    }

    [Fact]
    public async Task Execute_after_held_writes_counts_its_own_rows_only()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE scratch (n INTEGER PRIMARY KEY)", connection);
            await create.ExecuteNonQueryAsync();
        }

        int changed = await store.WriteAsync(
            t =>
            {
                var tx = (PostgresTransaction)t;
                tx.Write("INSERT INTO scratch SELECT generate_series(1, 10)");
                Assert.Equal(2, tx.HeldWrites); // BEGIN and the INSERT, neither sent yet
                return tx.Execute("DELETE FROM scratch WHERE n > 7");
            },
            CancellationToken.None);
        Assert.Equal(3, changed);
    }

    [Fact]
    public async Task A_put_that_replaces_the_null_version_waits_for_no_answer()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await store.WriteAsync(tx => tx.InsertBucket(new BucketRow("b", "acct-1", "local", tx.Now)), CancellationToken.None);
        var first = new BlobManifest([new BlobSegment(Guid.NewGuid(), 4096)]);
        var second = new BlobManifest([new BlobSegment(Guid.NewGuid(), 4096)]);

        // The replaced row's blobs must come back as garbage, yet the PUT only adds held statements: nothing is sent
        // before the COMMIT (where the null version's lookup cost a round trip of its own, per PUT).
        foreach (var manifest in new[] { first, second })
        {
            await store.WriteAsync(
                t =>
                {
                    var tx = (PostgresTransaction)t;
                    int held = tx.HeldWrites;
                    tx.PutObject(
                        new ObjectRow("b", "k", "null", 4096, "etag", tx.Now, "local", "acct-1", StoredAttributes.Empty, null, null, manifest),
                        versionIdIsNew: false);
                    Assert.Equal(held + 5, tx.HeldWrites);
                    return 0;
                },
                CancellationToken.None);
        }

        Assert.Equal([first.Segments[0].BlobId], await store.ListGarbageAsync(10, CancellationToken.None));
    }
}
