using System.Globalization;
using Npgsql;
using Nuage.Metadata.Core;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// Schema 030 on a database made before it (the engine's own scripts up to 029, rows written under 021's row
/// triggers): objects' toast_tuple_target goes to its maximum, so a 4 KiB body written after the migration stays in
/// its row where one written before went out of line (both read back whole), and the usage triggers become
/// statement-level ones that carry on from the usage the row triggers kept: after overwrites, deletes and new keys,
/// bucket_usage and the garbage count equal a count over the rows.
/// </summary>
public sealed class PostgresSchema030Tests : IDisposable
{
    private readonly string _database = "nuage_schema31_" + Guid.NewGuid().ToString("N")[..16];

    public void Dispose() => SharedPostgres.DropDatabase(_database);

    [Fact]
    public async Task A_schema_29_database_keeps_small_bodies_in_the_row_and_its_usage_exact_after_030()
    {
        // An empty database (not the shared template, which the engine has migrated already).
        await using (var server = new NpgsqlConnection(SharedPostgres.Cluster.ConnectionString))
        {
            await server.OpenAsync();
            await ExecuteAsync(server, $"CREATE DATABASE \"{_database}\"");
        }

        string url = SharedPostgres.DatabaseUrl(_database);
        await using var connection = new NpgsqlConnection(PostgresUrl.Parse(url).ConnectionString);
        await connection.OpenAsync();

        // Schema 029 as the engine's scripts made it, and ten keys of 4 KiB written under it.
        var assembly = typeof(PostgresMetadataStore).Assembly;
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY)");
        foreach (var script in MigrationScripts.Of(assembly).Where(s => s.Version <= 29))
        {
            await ExecuteAsync(connection, MigrationScripts.Read(assembly, script));
            await ExecuteAsync(connection, "INSERT INTO schema_version (version) VALUES (" + script.Version.ToString(CultureInfo.InvariantCulture) + ")");
        }

        var before = RandomBytes(4096);
        await ExecuteAsync(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('b', 'o', 'local', 0)");
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data) " +
            "SELECT 'b', convert_to('old/' || i, 'UTF8'), 'null', 4096, 'etag', 0, 'local', 'o', 4, $1 FROM generate_series(0, 9) AS i",
            connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = before });
            await insert.ExecuteNonQueryAsync();
        }

        await ExecuteAsync(connection, "INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects");

        Assert.Equal("b 10 40960 40960", Assert.Single(await RowsAsync(connection, "SELECT bucket, objects, bytes, stored_bytes FROM bucket_usage")));
        long chunksBefore = await ToastChunksAsync(connection);
        Assert.True(chunksBefore > 0, "a 4 KiB body went out of line before 030");

        await using var store = new PostgresMetadataStore(url);
        // Every script since 029 ran (030 and any after it).
        Assert.Equal(MigrationScripts.Of(assembly)[^1].Version, await ScalarAsync<int>(connection, "SELECT max(version) FROM schema_version"));
        Assert.Contains("toast_tuple_target=8160", await ScalarAsync<string[]>(connection, "SELECT reloptions FROM pg_class WHERE relname = 'objects'"));
        Assert.Equal(
            ["bucket_usage_on_bucket ROW", "bucket_usage_on_current_delete STATEMENT", "bucket_usage_on_current_insert STATEMENT",
             "bucket_usage_on_current_update STATEMENT", "bucket_usage_on_objects_delete STATEMENT", "bucket_usage_on_objects_insert STATEMENT",
             "bucket_usage_on_objects_update STATEMENT", "garbage_count_delete STATEMENT", "garbage_count_insert STATEMENT"],
            await RowsAsync(connection, "SELECT trigger_name, action_orientation FROM information_schema.triggers GROUP BY 1, 2 ORDER BY 1"));

        var after = RandomBytes(4096);
        await PutAsync(store, "after", after);
        Assert.Equal(chunksBefore, await ToastChunksAsync(connection));
        Assert.Equal(before, await ReadAsync(store, "old/3"));
        Assert.Equal(after, await ReadAsync(store, "after"));

        // Overwrites (one with a blob, then replaced again), deletes and new keys, several in one unit (one group).
        var blob = Guid.NewGuid();
        await store.WriteAsync(
            tx =>
            {
                for (int i = 0; i < 5; i++)
                {
                    tx.PutObject(Row("old/" + i, i == 0 ? new BlobManifest([new BlobSegment(blob, 100)]) : new InlineData(new byte[10 * i], 4)), versionIdIsNew: false);
                }

                return 0;
            },
            CancellationToken.None);
        await store.WriteAsync(
            tx =>
            {
                tx.PutObject(Row("old/0", new InlineData(new byte[7], 4)), versionIdIsNew: false);
                tx.DeleteObjectVersion("b", "old/8", "null");
                tx.DeleteObjectVersion("b", "old/9", "null");
                return 0;
            },
            CancellationToken.None);

        // old/0: 7, old/1..4: 10, 20, 30, 40; old/5..7: 4096 each; after: 4096.
        Assert.Equal("b 9 16491 16491", Assert.Single(await RowsAsync(connection, "SELECT bucket, objects, bytes, stored_bytes FROM bucket_usage")));
        Assert.Equal(
            await RowsAsync(connection, "SELECT 'b', count(*), COALESCE(sum(o.size), 0)::BIGINT, COALESCE(sum(o.size), 0)::BIGINT FROM current_objects c JOIN objects o ON o.seq = c.seq"),
            await RowsAsync(connection, "SELECT bucket, objects, bytes, stored_bytes FROM bucket_usage"));
        Assert.Equal([blob], await store.ListGarbageAsync(10, CancellationToken.None));
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT value FROM store_counters WHERE name = 'garbage_blobs'"));
    }

    private static ObjectRow Row(string key, DataLocation data) =>
        new("b", key, "null", data is InlineData inline ? inline.Bytes.Length : 100, "etag", DateTimeOffset.UtcNow, "local", "o", StoredAttributes.Empty, null, null, data);

    private static async Task PutAsync(PostgresMetadataStore store, string key, byte[] body) =>
        await store.WriteAsync(tx => { tx.PutObject(Row(key, new InlineData(body, 4)), versionIdIsNew: false); return 0; }, CancellationToken.None);

    private static async Task<byte[]> ReadAsync(PostgresMetadataStore store, string key)
    {
        var row = await store.GetObjectAsync("b", key, null, withData: true, CancellationToken.None);
        return Assert.IsType<InlineData>(row!.Data).Bytes;
    }

    private static async Task<long> ToastChunksAsync(NpgsqlConnection connection)
    {
        string toast = await ScalarAsync<string>(connection, "SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'objects'");
        return await ScalarAsync<long>(connection, "SELECT count(*) FROM " + toast);
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join(' ', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
