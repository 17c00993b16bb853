using Npgsql;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>The engine's start against a real server: migrations, the writer, the URL, refusals.</summary>
public sealed class PostgresEngineStartTests
{
    [Fact]
    public async Task A_new_database_is_migrated_and_a_write_commits_with_its_marker()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using (var store = new PostgresMetadataStore(cluster.Url))
        {
            Assert.Equal(WriteReplay.OnSerializationFailure, store.WriteReplay);
            var now = await store.WriteAsync(t => t.Now, CancellationToken.None);
            Assert.True(now > DateTimeOffset.UtcNow.AddMinutes(-1));
            Assert.Equal(1, store.Statistics.Commits);
        }

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(PostgresSchemaMigrator.LatestVersion, await Scalar<int>(connection, "SELECT MAX(version) FROM schema_version"));
        long versions = await Scalar<long>(connection, "SELECT count(*) FROM schema_version");
        Assert.Equal(1L, await Scalar<long>(connection, "SELECT count(*) FROM write_markers"));

        // A second start finds the schema current and changes nothing.
        await using (var again = new PostgresMetadataStore(cluster.ConnectionString))
        {
            await again.WriteAsync(t => 0, CancellationToken.None);
        }

        Assert.Equal(versions, await Scalar<long>(connection, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_database_newer_than_the_code_is_refused()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using (var store = new PostgresMetadataStore(cluster.Url))
        {
        }

        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO schema_version VALUES (999)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var refused = Assert.Throws<InvalidOperationException>(() => new PostgresMetadataStore(cluster.Url));
        Assert.Contains("schema version 999", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_database_is_named_in_one_clear_exception()
    {
        int port = FreePort();
        var refused = Assert.Throws<MetadataUnavailableException>(
            () => new PostgresMetadataStore($"postgresql://nuage:secret@127.0.0.1:{port}/nuage"));
        Assert.Contains($"postgresql://127.0.0.1:{port}/nuage", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
