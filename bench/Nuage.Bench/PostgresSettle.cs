using Npgsql;

namespace Nuage.Bench;

/// <summary>
/// Brings the benchmark's own PostgreSQL server to the state a database reaches a little while after a burst of
/// writes, before the GET scenario reads what the PUT scenario wrote. Without it, the first GETs after 100,000 fresh
/// rows also pay for the burst: the first read of each new row sets its hint bits (dirtying its page), autovacuum
/// wakes for the inserted rows, and the checkpointer writes the dirty pages, all on the same two cores, so the GET
/// figure swung between about 6,000 and 9,000 ops/s with the same build depending on when those landed. VACUUM and a
/// CHECKPOINT do that work once, unmeasured, as BulkKeyLoader does after its loads. The server's own lookups are not
/// warmed: every GET still reads its row through PostgreSQL.
/// </summary>
public static class PostgresSettle
{
    public static async Task RunAsync(string url)
    {
        var builder = Nuage.Metadata.Postgres.PostgresUrl.Parse(url);
        builder.CommandTimeout = 0;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "VACUUM ANALYZE objects", "VACUUM ANALYZE current_objects", "CHECKPOINT" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
