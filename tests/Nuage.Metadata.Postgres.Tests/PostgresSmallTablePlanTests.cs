using System.Text.RegularExpressions;
using Nuage.Testing;
using Npgsql;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// The writer's and the reader's keyed statements stay index seeks after ANALYZE saw the objects table small. An
/// autovacuum seconds after a fresh start records a table of a few dozen rows in one page; the planner then costs a
/// sequential scan below any index seek, and a prepared statement's generic plan keeps that scan while the table grows
/// by thousands of rows until the next ANALYZE. The bench saw 4 KiB PUTs fall from about 2,000 to 276 ops/s that way
/// (docs/metadata-engines.md "Plans that outlive a small table").
/// </summary>
public sealed partial class PostgresSmallTablePlanTests
{
    // The statements a PUT into an unversioned bucket runs (PostgresTransaction.PutObject), and a GET's lookups.
    private static readonly string[] KeyedStatements =
    [
        PostgresObjectSql.OverwriteLatestVersion,
        PostgresObjectSql.DeleteNoncurrentVersion,
        PostgresObjectSql.PointCurrentAtVersionIfMoved,
        PostgresObjectSql.SelectVersionSeq,
        PostgresObjectSql.DeleteVersion,
        PostgresObjectSql.SelectLatestWithData,
        PostgresObjectSql.SelectVersionHead,

        // The same PUT steps for a group of PUTs (PostgresPutGroup): each row of the unnest() arrays one index probe.
        PostgresObjectSql.InsertGarbageOfVersions,
        PostgresObjectSql.OverwriteLatestVersions,
        PostgresObjectSql.DeleteNoncurrentVersions,
        PostgresObjectSql.PointCurrentAtVersionsIfMoved,
        PostgresObjectSql.DeleteObjectAcls,
    ];

    [Fact]
    public async Task Keyed_statements_seek_indexes_after_analyze_saw_a_small_table()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using (var store = new PostgresMetadataStore(cluster.Url))
        {
            await store.WriteAsync(
                tx =>
                {
                    tx.InsertBucket(new BucketRow("small", "o", "local", tx.Now));
                    for (int i = 0; i < 32; i++)
                    {
                        tx.PutObject(Row("small", $"warmup/{i}"), versionIdIsNew: false);
                    }

                    return true;
                },
                CancellationToken.None);
        }

        var engine = PostgresUrl.Parse(cluster.Url);
        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "ANALYZE objects");
            await ExecuteAsync(connection, "ANALYZE current_objects");
            foreach (string statement in KeyedStatements)
            {
                string plan = await GenericPlanAsync(connection, statement);
                Assert.DoesNotMatch(SequentialScanOfObjects(), plan);
            }
        }

        // The control: with only the operator's own options, the same plans scan the whole table, so the assertion
        // above holds because of the engine's settings and not because the planner would seek anyway.
        var operatorOwn = PostgresUrl.Parse(cluster.Url);
        operatorOwn.Options = "-c max_parallel_workers_per_gather=0";
        await using (var connection = new NpgsqlConnection(operatorOwn.ConnectionString))
        {
            await connection.OpenAsync();
            string plan = await GenericPlanAsync(connection, PostgresObjectSql.OverwriteLatestVersion);
            Assert.Matches(SequentialScanOfObjects(), plan);
        }
    }

    private static int _prepared;

    /// <summary>The plan a prepared statement keeps (plan_cache_mode = force_generic_plan), as EXPLAIN prints it.</summary>
    private static async Task<string> GenericPlanAsync(NpgsqlConnection connection, string statement)
    {
        int parameters = Parameter().Matches(statement).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        string name = "keyed" + Interlocked.Increment(ref _prepared).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ExecuteAsync(connection, "SET plan_cache_mode = force_generic_plan");
        await ExecuteAsync(connection, $"PREPARE {name} AS {statement}");
        string arguments = string.Join(", ", Enumerable.Repeat("NULL", parameters));
        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE {name}({arguments})", connection);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static ObjectRow Row(string bucket, string key) =>
        new(bucket, key, "null", 4, "etag", DateTimeOffset.UtcNow, "local", "o", StoredAttributes.Empty, null, null,
            new InlineData([1, 2, 3, 4], 4));

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"Seq Scan on (objects|current_objects|object_acls)\b")]
    private static partial Regex SequentialScanOfObjects();
}
