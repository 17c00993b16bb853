using Npgsql;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>One cluster for the class (xUnit class fixture): it accepts Npgsql and libpq, durably, not as root.</summary>
public sealed class PostgresClusterConnectionTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task Npgsql_connects_to_the_test_database_with_durable_commits()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_database(), current_user, current_setting('fsync'), current_setting('synchronous_commit'), "
            + "current_setting('full_page_writes'), current_setting('listen_addresses'), current_setting('data_directory'), "
            + "inet_server_addr()::text, inet_server_port()",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(PostgresCluster.Database, reader.GetString(0));
        Assert.Equal(PostgresCluster.User, reader.GetString(1));
        Assert.Equal("on", reader.GetString(2));
        Assert.Equal("on", reader.GetString(3));
        Assert.Equal("on", reader.GetString(4));
        Assert.Equal("127.0.0.1", reader.GetString(5));
        Assert.Equal(cluster.DataDirectory, reader.GetString(6));
        Assert.Equal("127.0.0.1/32", reader.GetString(7));
        Assert.Equal(cluster.Port, reader.GetInt32(8));
    }

    [Fact]
    public async Task The_url_works_with_libpq()
    {
        // psql is libpq's own client: the postgresql:// form is what `nuage server --metadata` will be given.
        var psql = await ChildProcess.RunAsync(
            cluster.Binaries.Psql, [cluster.Url, "--no-psqlrc", "--tuples-only", "--no-align", "--command", "SELECT current_database()"]);
        psql.AssertSuccess();
        Assert.Equal(PostgresCluster.Database, psql.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_over_tcp()
    {
        var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Password = "not-the-password" };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    [Fact]
    public void The_server_does_not_run_as_root()
    {
        // /proc/PID/status "Uid:" lists the real, effective, saved and filesystem uids.
        var uids = File.ReadLines($"/proc/{cluster.ServerProcessId()}/status")
            .Single(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.All(uids, uid => Assert.NotEqual("0", uid));
        Assert.True(cluster.IsRunning);
    }
}
