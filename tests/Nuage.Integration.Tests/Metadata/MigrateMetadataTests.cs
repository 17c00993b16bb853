using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Nuage.Metadata.Postgres.MetadataMigration;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Metadata;

/// <summary>
/// `nuage admin migrate-metadata` as an operator runs it (docs/metadata-engines.md "Moving a region from SQLite to
/// PostgreSQL"): a child process copies a stopped server's metadata.db (<see cref="MigrationSource"/>) into a
/// database of a real PostgreSQL server, and the tables are compared with SQL on both sides.
/// </summary>
public sealed class MigrateMetadataTests(MigrationSource source) : IClassFixture<MigrationSource>
{
    // Tables the source must fill for the comparison to mean something (those its clients can reach: the outboxes,
    // object locks and ACLs, KMS keys and the bucket registry stay empty in a single region without those features).
    private static readonly string[] Populated =
    [
        "buckets", "bucket_settings", "objects", "current_objects", "uploads", "parts", "accounts", "identities", "access_keys",
        "iot_shadows", "iot_things", "iot_thing_groups", "iot_thing_group_members", "iot_credentials", "iot_policies",
        "iot_policy_attachments", "iot_rules", "iot_rule_spool", "mqtt_retained", "mqtt_sessions", "mqtt_subscriptions",
        "mqtt_queued", "bucket_usage", "store_counters",
    ];

    [Fact]
    public async Task A_region_is_copied_table_by_table_and_verified_by_counts_and_checksums()
    {
        string url = NewDatabase();
        var run = (await MigrateAsync(url)).AssertSuccess();
        run.Assert(run.StandardOutput.Contains("Verified: ", StringComparison.Ordinal), "prints the verification");
        run.Assert(run.StandardError.Contains("objects", StringComparison.Ordinal) && run.StandardError.Contains("overall", StringComparison.Ordinal),
            "draws the per-table and overall progress on stderr");

        var sqlite = SqliteCounts();
        var postgres = PostgresCounts(url);
        foreach (var table in MigrationTables.All)
        {
            Assert.True(sqlite[table.Name] == postgres[table.Name], $"{table.Name}: {sqlite[table.Name]} rows in SQLite, {postgres[table.Name]} in PostgreSQL");
            run.Assert(run.StandardOutput.Contains(table.Name, StringComparison.Ordinal), "the summary lists " + table.Name);
        }

        foreach (string table in Populated)
        {
            Assert.True(sqlite[table] > 0, $"the source has rows in {table}");
        }

        Assert.True(sqlite["objects"] >= MigrationSource.BulkObjects);
        await using var connection = await OpenAsync(url);

        // Keys are the UTF-8 bytes of the S3 key; flags are booleans; blob ids are the SQLite engine's Guids.
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM current_objects WHERE bucket = 'versioned' AND key = $1",
            Encoding.UTF8.GetBytes(MigrationSource.UnicodeKey)));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM objects WHERE bucket = 'versioned' AND key = $1 AND is_delete_marker",
            Encoding.UTF8.GetBytes("gone.txt")));
        Assert.Equal(SqliteBlobIds("parts"), await PostgresGuidsAsync(connection, "SELECT blob_id FROM parts"));

        // The usage rows are the source's, not the triggers' sum on top of them.
        Assert.Equal(SqliteScalar("SELECT stored_bytes FROM bucket_usage WHERE bucket = 'plain'"),
            await ScalarAsync(connection, "SELECT stored_bytes FROM bucket_usage WHERE bucket = 'plain'"));
        Assert.Equal(SqliteScalar("SELECT value FROM store_counters WHERE name = 'garbage_blobs'"),
            await ScalarAsync(connection, "SELECT value FROM store_counters WHERE name = 'garbage_blobs'"));

        // The identities continue after the copied ids (the spool's after every id SQLite ever handed out).
        Assert.True(await ScalarAsync(connection, "SELECT nextval(pg_get_serial_sequence('objects', 'seq'))") > SqliteScalar("SELECT max(seq) FROM objects"));
        Assert.True(await ScalarAsync(connection, "SELECT nextval(pg_get_serial_sequence('iot_rule_spool', 'seq'))") >
            SqliteScalar("SELECT seq FROM sqlite_sequence WHERE name = 'iot_rule_spool'"));

        // The ledger is gone once verified, and a second run refuses a database that holds metadata.
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'nuage_metadata_migration'"));
        var again = await MigrateAsync(url);
        Assert.Equal(1, again.ExitCode);
        again.Assert(again.StandardError.Contains("already holds metadata", StringComparison.Ordinal), "refuses a database that is not empty");
    }

    [Fact]
    public async Task A_copy_killed_mid_way_resumes_where_it_stopped_and_ends_verified()
    {
        string url = NewDatabase();
        var killed = await MigrateAsync(url, batchRows: 7, killAfterBatches: 12);
        killed.Assert(killed.ExitCode != 0 && !killed.StandardOutput.Contains("Verified", StringComparison.Ordinal), "is killed before it finishes");

        await using (var connection = await OpenAsync(url))
        {
            long committed = await ScalarAsync(connection, "SELECT sum(copied) FROM nuage_metadata_migration");
            long unfinished = await ScalarAsync(connection, "SELECT count(*) FROM nuage_metadata_migration WHERE NOT finished");
            Assert.True(committed > 0 && unfinished > 0, $"stopped mid-way: {committed} rows committed, {unfinished} tables to go");
            Assert.Equal(await ScalarAsync(connection, "SELECT copied FROM nuage_metadata_migration WHERE table_name = 'objects'"),
                await ScalarAsync(connection, "SELECT count(*) FROM objects"));
        }

        // Killed again, this time inside current_objects, whose key is (bucket TEXT, key BYTEA): the rerun seeks past
        // a composite key, not only past a seq.
        var killedAgain = await MigrateAsync(url, batchRows: 7, killAfterBatches: 15);
        killedAgain.Assert(killedAgain.ExitCode != 0 && killedAgain.StandardError.Contains("Resuming the copy", StringComparison.Ordinal), "resumes, then is killed");
        await using (var connection = await OpenAsync(url))
        {
            long copied = await ScalarAsync(connection, "SELECT copied FROM nuage_metadata_migration WHERE table_name = 'current_objects'");
            Assert.True(copied > 0 && copied < SqliteCounts()["current_objects"], $"stopped inside current_objects ({copied} rows)");
            Assert.Equal(copied, await ScalarAsync(connection, "SELECT count(*) FROM current_objects"));
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM nuage_metadata_migration WHERE table_name = 'objects' AND finished"));
        }

        var resumed = (await MigrateAsync(url, batchRows: 7)).AssertSuccess();
        resumed.Assert(resumed.StandardError.Contains("Resuming the copy", StringComparison.Ordinal), "says it resumes");
        resumed.Assert(resumed.StandardOutput.Contains("Verified: ", StringComparison.Ordinal), "ends verified");
        var sqlite = SqliteCounts();
        var postgres = PostgresCounts(url);
        foreach (var table in MigrationTables.All)
        {
            Assert.True(sqlite[table.Name] == postgres[table.Name], $"{table.Name}: {sqlite[table.Name]} rows in SQLite, {postgres[table.Name]} in PostgreSQL");
        }
    }

    [Fact]
    public async Task A_row_changed_in_postgres_during_a_copy_fails_the_verification_naming_its_table()
    {
        string url = NewDatabase();
        var killed = await MigrateAsync(url, batchRows: 50, killAfterBatches: 2);
        Assert.NotEqual(0, killed.ExitCode);
        await using (var connection = await OpenAsync(url))
        {
            // buckets is copied first and whole by then: one changed value, same row count.
            Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM nuage_metadata_migration WHERE table_name = 'buckets' AND finished") == 1);
            await using var tamper = new NpgsqlCommand("UPDATE buckets SET region = 'elsewhere' WHERE name = 'plain'", connection);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var resumed = await MigrateAsync(url, batchRows: 50);
        Assert.Equal(1, resumed.ExitCode);
        resumed.Assert(resumed.StandardError.Contains("verification failed: buckets differ", StringComparison.Ordinal), "names the table");
    }

    [Fact]
    public async Task A_missing_source_and_a_url_that_is_not_postgres_are_refused_with_one_line()
    {
        using var empty = new TempDirectory();
        var missing = await ChildProcess.RunAsync("dotnet",
            [RepositoryPaths.ServerDll, "admin", "migrate-metadata", "--from", empty.Path, "--to", NewDatabase()]);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("nuage admin migrate-metadata: There is no metadata file", missing.StandardError.Trim(), StringComparison.Ordinal);

        var notPostgres = await ChildProcess.RunAsync("dotnet",
            [RepositoryPaths.ServerDll, "admin", "migrate-metadata", "--from", source.DataDirectory, "--to", "mysql://host/db"]);
        Assert.Equal(2, notPostgres.ExitCode);
    }

    [Fact]
    public async Task A_source_at_an_older_schema_is_refused_and_left_as_it_was()
    {
        // A copy of the source whose file says an older schema (the latest version row removed): the migration reads it read-only and refuses to upgrade it.
        using var older = new TempDirectory();
        foreach (string file in Directory.GetFiles(source.DataDirectory, "metadata.db*"))
        {
            File.Copy(file, Path.Combine(older.Path, Path.GetFileName(file)));
        }

        string database = Path.Combine(older.Path, "metadata.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DELETE FROM schema_version WHERE version > 20; PRAGMA wal_checkpoint(TRUNCATE);";
            downgrade.ExecuteNonQuery();
        }

        byte[] before = await File.ReadAllBytesAsync(database);
        var refused = await ChildProcess.RunAsync("dotnet",
            [RepositoryPaths.ServerDll, "admin", "migrate-metadata", "--from", older.Path, "--to", NewDatabase()]);
        Assert.Equal(1, refused.ExitCode);
        refused.Assert(refused.StandardError.Contains("is at schema version 020; the migration copies schema " + Nuage.Metadata.Postgres.MetadataMigration.MigrationTables.SchemaVersion.ToString("000", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "says why");
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
    }

    private Task<ChildResult> MigrateAsync(string url, int? batchRows = null, int? killAfterBatches = null)
    {
        var arguments = new List<string> { RepositoryPaths.ServerDll, "admin", "migrate-metadata", "--from", source.DataDirectory, "--to", url };
        if (batchRows is int rows)
        {
            arguments.AddRange(["--batch-rows", rows.ToString(CultureInfo.InvariantCulture)]);
        }

        var environment = new Dictionary<string, string?>();
        if (killAfterBatches is int batches)
        {
            environment["NUAGE_TEST_MIGRATE_KILL_AFTER_BATCHES"] = batches.ToString(CultureInfo.InvariantCulture);
        }

        return ChildProcess.RunAsync("dotnet", arguments, environment, timeout: TimeSpan.FromMinutes(5));
    }

    private static string NewDatabase() => SharedPostgres.DatabaseUrl("nuage_migrate_" + Guid.NewGuid().ToString("N")[..16]);

    private static async Task<NpgsqlConnection> OpenAsync(string url)
    {
        var connection = new NpgsqlConnection(Nuage.Metadata.Postgres.PostgresUrl.Parse(url).ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, params object[] arguments)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (object argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<Guid>> PostgresGuidsAsync(NpgsqlConnection connection, string sql)
    {
        var ids = new List<Guid>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        ids.Sort();
        return ids;
    }

    private SqliteConnection OpenSqlite()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(source.DataDirectory, "metadata.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ConnectionString);
        connection.Open();
        return connection;
    }

    private long SqliteScalar(string sql)
    {
        using var connection = OpenSqlite();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    // The SQLite engine reads a blob id with GetGuid (new Guid(bytes)); the same here, independently of the copier.
    private List<Guid> SqliteBlobIds(string table)
    {
        using var connection = OpenSqlite();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT blob_id FROM {table}";
        using var reader = command.ExecuteReader();
        var ids = new List<Guid>();
        while (reader.Read())
        {
            ids.Add(reader.GetGuid(0));
        }

        ids.Sort();
        return ids;
    }

    private Dictionary<string, long> SqliteCounts()
    {
        using var connection = OpenSqlite();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in MigrationTables.All)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table.Name}\"";
            counts[table.Name] = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static Dictionary<string, long> PostgresCounts(string url)
    {
        using var connection = new NpgsqlConnection(Nuage.Metadata.Postgres.PostgresUrl.Parse(url).ConnectionString);
        connection.Open();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in MigrationTables.All)
        {
            using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table.Name}\"", connection);
            counts[table.Name] = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        return counts;
    }
}
