using Npgsql;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// Schema 031 on a database made before it: objects' toast_tuple_target goes to its maximum, so a 4 KiB body written
/// after the migration stays in its row (no TOAST chunks), where one written before it went out of line. Both read
/// back whole.
/// </summary>
public sealed class PostgresInlineInHeapTests : IDisposable
{
    private readonly string _database = "nuage_inline_" + Guid.NewGuid().ToString("N")[..16];

    public void Dispose() => SharedPostgres.DropDatabase(_database);

    [Fact]
    public async Task A_schema_29_database_keeps_small_bodies_in_the_row_after_031()
    {
        string url = SharedPostgres.DatabaseUrl(_database);
        var before = RandomBytes(4096);
        var after = RandomBytes(4096);
        await using var connection = new NpgsqlConnection(PostgresUrl.Parse(url).ConnectionString);
        await connection.OpenAsync();
        await using (var store = new PostgresMetadataStore(url))
        {
            // The database as schema 029 left the objects table (031 undone), then a write.
            await store.WriteAsync(tx => tx.InsertBucket(new BucketRow("b", "o", "local", tx.Now)), CancellationToken.None);
            await ExecuteAsync(connection, "ALTER TABLE objects RESET (toast_tuple_target)");
            await PutAsync(store, "before", before);
        }

        // And its version: 031's row gone (030 is not this engine's yet), so the next start runs 031.
        await ExecuteAsync(connection, "DELETE FROM schema_version WHERE version > 29");
        long chunksBefore = await ToastChunksAsync(connection);
        Assert.True(chunksBefore > 0, "a 4 KiB body went out of line before 031");

        await using (var store = new PostgresMetadataStore(url))
        {
            Assert.Equal(31, await ScalarAsync<int>(connection, "SELECT max(version) FROM schema_version"));
            Assert.Contains("toast_tuple_target=8160", await ScalarAsync<string[]>(connection, "SELECT reloptions FROM pg_class WHERE relname = 'objects'"));
            await PutAsync(store, "after", after);
            Assert.Equal(chunksBefore, await ToastChunksAsync(connection));
            Assert.Equal(before, await ReadAsync(store, "before"));
            Assert.Equal(after, await ReadAsync(store, "after"));
        }
    }

    private static async Task PutAsync(PostgresMetadataStore store, string key, byte[] body) =>
        await store.WriteAsync(
            tx =>
            {
                tx.PutObject(
                    new ObjectRow("b", key, "null", body.Length, "etag", tx.Now, "local", "o", StoredAttributes.Empty, null, null, new InlineData(body, 4)),
                    versionIdIsNew: false);
                return 0;
            },
            CancellationToken.None);

    private static async Task<byte[]> ReadAsync(PostgresMetadataStore store, string key)
    {
        var row = await store.GetObjectAsync("b", key, null, withData: true, CancellationToken.None);
        return Assert.IsType<InlineData>(row!.Data).Bytes;
    }

    private static async Task<long> ToastChunksAsync(NpgsqlConnection connection)
    {
        string toast = (await ScalarAsync<string>(connection, "SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'objects'"))!;
        return await ScalarAsync<long>(connection, "SELECT count(*) FROM " + toast);
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
