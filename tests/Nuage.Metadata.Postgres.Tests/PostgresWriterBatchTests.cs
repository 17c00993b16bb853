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
}
