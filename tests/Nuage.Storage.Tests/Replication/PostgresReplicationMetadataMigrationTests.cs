using Npgsql;
using Nuage.Metadata;
using Nuage.Metadata.Postgres;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests.Replication;

/// <summary>
/// Schema 024 on a PostgreSQL database written before it: a database made by the shipped 021 baseline script alone, with
/// an outbox row in it, is migrated on open; the earlier row reads as a version's row, and metadata-only rows can be
/// added after, and (schema 027) its replication status takes a metadata stamp (SchemaMigrationTests covers the same
/// on a SQLite directory).
/// </summary>
public sealed class PostgresReplicationMetadataMigrationTests
{
    [Fact]
    public async Task A_database_at_the_021_baseline_keeps_its_outbox_rows_as_version_rows_and_takes_metadata_changes_after()
    {
        string database = "nuage_m024_" + Guid.NewGuid().ToString("N")[..12];
        var cluster = SharedPostgres.Cluster;
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            string url = $"postgresql://{PostgresCluster.User}:{cluster.Password}@{cluster.Host}:{cluster.Port}/{database}";
            await using (var connection = new NpgsqlConnection(PostgresUrl.Parse(url).ConnectionString))
            {
                await connection.OpenAsync();
                await ExecuteAsync(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY)");
                await ExecuteAsync(connection, Baseline());
                await ExecuteAsync(connection, "INSERT INTO schema_version (version) VALUES (21)");
                await ExecuteAsync(connection,
                    "INSERT INTO replication_outbox (bucket, key, version_id, rule_id, destination_bucket, is_delete_marker, size, created_at, next_attempt_at) " +
                    "VALUES ('b', 'k'::bytea, 'v1', 'r1', 'dst', FALSE, 3, 0, 0)");
                await ExecuteAsync(connection, "INSERT INTO replication_status (bucket, key, version_id, status) VALUES ('b', 'k'::bytea, 'v1', 'PENDING')");
            }

            var store = new PostgresMetadataStore(url);
            try
            {
                var earlier = Assert.Single(await store.ListDueReplicationEntriesAsync(DateTimeOffset.UtcNow, 10, CancellationToken.None));
                Assert.Equal(("k", "v1", 3L, false), (earlier.Key, earlier.VersionId, earlier.Size, earlier.MetadataOnly));
                await store.WriteAsync(
                    tx => { tx.CompleteReplicationEntry(earlier.Seq); tx.AddReplicationMetadataEntry("b", "k", "v1", "r1", "dst", DateTimeOffset.UtcNow); return true; },
                    CancellationToken.None);
                var change = Assert.Single(await store.ListDueReplicationEntriesAsync(DateTimeOffset.UtcNow.AddSeconds(1), 10, CancellationToken.None));
                Assert.Equal(("k", "v1", 0L, true), (change.Key, change.VersionId, change.Size, change.MetadataOnly));

                // Schema 027: the status row written before it is unstamped, and takes a stamp after.
                Assert.Null(await store.GetReplicationMetadataStampAsync("b", "k", "v1", CancellationToken.None));
                var stamp = new ReplicationMetadataStamp(DateTimeOffset.UtcNow.UtcTicks, "dubai");
                Assert.True(await store.WriteAsync(tx => tx.SetReplicationMetadataStamp("b", "k", "v1", stamp), CancellationToken.None));
                Assert.Equal(stamp, await store.GetReplicationMetadataStampAsync("b", "k", "v1", CancellationToken.None));
            }
            finally
            {
                await store.DisposeAsync();
            }
        }
        finally
        {
            SharedPostgres.DropDatabase(database);
        }
    }

    private static string Baseline()
    {
        using var stream = typeof(PostgresMetadataStore).Assembly.GetManifestResourceStream("Nuage.Metadata.Postgres.Schema.021_baseline.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
