using System.Net.Sockets;
using Npgsql;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>Clusters started at once do not share a port, a directory or data; a disposed one leaves nothing behind.</summary>
public sealed class PostgresClusterIsolationTests
{
    [Fact]
    public async Task Two_clusters_started_at_once_are_apart_and_disposing_removes_each()
    {
        var first = PostgresCluster.StartNewAsync();
        var second = PostgresCluster.StartNewAsync();
        await using var a = await first;
        await using var b = await second;

        Assert.NotEqual(a.Port, b.Port);
        Assert.NotEqual(a.RootDirectory, b.RootDirectory);
        await ExecuteAsync(a, "CREATE TABLE only_in_a (x int)");
        Assert.Equal(1L, await ScalarAsync(a, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'"));
        Assert.Equal(0L, await ScalarAsync(b, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'"));

        var postmaster = a.ServerProcessId();
        await a.DisposeAsync();
        Assert.False(Directory.Exists(a.RootDirectory));
        Assert.True(ProcessTable.HasEnded(postmaster));
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(a.Host, a.Port));

        // The other one is untouched.
        Assert.Equal(0L, await ScalarAsync(b, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'"));
    }

    private static async Task ExecuteAsync(PostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(PostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
