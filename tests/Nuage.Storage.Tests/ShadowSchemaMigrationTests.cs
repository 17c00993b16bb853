namespace Nuage.Storage.Tests;

using Microsoft.Data.Sqlite;
using Nuage.Metadata;
using Nuage.Metadata.Sqlite;

/// <summary>
/// Schema 013 (device shadows) on a database written before it: a schema-011 data directory (the last schema before
/// the IoT tables) opens, keeps its rows, and takes shadows after, with the version check inside the transaction.
/// </summary>
public sealed class ShadowSchemaMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-tests-" + Guid.NewGuid().ToString("N"));

    public ShadowSchemaMigrationTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_schema_11_database_gets_the_shadows_table_and_keeps_its_buckets()
    {
        var path = Path.Combine(_directory, "metadata.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL)");
            foreach (var (version, script) in ScriptsUpTo(11))
            {
                Execute(connection, script);
                Execute(connection, $"INSERT INTO schema_version (version) VALUES ({version})");
            }

            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('kept', 'acct-1', 'local', 0)");
        }

        await using (var store = new SqliteMetadataStore(path))
        {
            Assert.NotNull(await store.GetBucketAsync("kept", CancellationToken.None));
            Assert.Null(await store.GetShadowAsync("111111111111", "lamp", "", CancellationToken.None));

            await store.WriteAsync(tx =>
            {
                tx.PutShadow(new ShadowRow("111111111111", "lamp", "", 1, "{\"state\":{}}"));
                tx.PutShadow(new ShadowRow("111111111111", "lamp", "cfg", 3, "{}"));
                tx.PutShadow(new ShadowRow("111111111111", "lamp", "old", 2, null));
                return 0;
            }, CancellationToken.None);

            // Inside a unit of work the row is read as this transaction sees it: the version check an update makes.
            var seen = await store.WriteAsync(tx => tx.GetShadow("111111111111", "lamp", "cfg")?.Version, CancellationToken.None);
            Assert.Equal(3, seen);
        }

        await using var reopened = new SqliteMetadataStore(path);
        Assert.Equal(new ShadowRow("111111111111", "lamp", "", 1, "{\"state\":{}}"), await reopened.GetShadowAsync("111111111111", "lamp", "", CancellationToken.None));
        Assert.Equal(2, (await reopened.GetShadowAsync("111111111111", "lamp", "old", CancellationToken.None))!.Version);
        // The listing names existing named shadows only: not the classic one, not the deleted one.
        Assert.Equal(["cfg"], await reopened.ListShadowNamesAsync("111111111111", "lamp", "", 10, CancellationToken.None));
        Assert.Empty(await reopened.ListShadowNamesAsync("222222222222", "lamp", "", 10, CancellationToken.None));

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        Assert.True(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) >= 13);
    }

    /// <summary>The embedded numbered scripts up to <paramref name="last"/>, in order.</summary>
    private static IEnumerable<(int Version, string Text)> ScriptsUpTo(int last)
    {
        var assembly = typeof(SqliteMetadataStore).Assembly;
        const string prefix = "Nuage.Metadata.Sqlite.Schema.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var version = int.Parse(name.AsSpan(prefix.Length, 3), System.Globalization.CultureInfo.InvariantCulture);
            if (version > last)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (version, reader.ReadToEnd());
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
