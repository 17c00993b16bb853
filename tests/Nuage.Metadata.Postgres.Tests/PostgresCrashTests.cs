using System.Diagnostics;
using Npgsql;
using Nuage.Testing;
using Xunit.Abstractions;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// The cluster keeps what it acknowledged through a crash: a committed row is there after the server is stopped
/// without a checkpoint (pg_ctl stop -m immediate) or killed outright, and started again (crash recovery from WAL).
/// </summary>
public sealed class PostgresCrashTests(ITestOutputHelper output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task A_committed_row_survives_an_immediate_stop()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        Step("started (a copy of the template; the first also waits for initdb)");
        await CommitRowAsync(cluster, "before-immediate-stop");
        Step("committed a row");

        await cluster.StopAsync(PostgresStopMode.Immediate);
        Step("stopped (immediate)");
        Assert.False(cluster.IsRunning);
        var logBefore = new FileInfo(cluster.LogFile).Length;
        await cluster.StartAsync();
        Step("started again with crash recovery");

        // The start ran crash recovery (the last checkpoint does not hold the row), so the row came from the WAL.
        Assert.Contains("not properly shut down; automatic recovery in progress", cluster.ReadLog(logBefore), StringComparison.Ordinal);
        Assert.Equal(["before-immediate-stop"], await ReadRowsAsync(cluster));
        await cluster.DisposeAsync();
        Step("stopped (fast) and removed");
    }

    [Fact]
    public async Task A_committed_row_survives_a_kill_and_an_uncommitted_one_does_not()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        Step("started (a copy of the template; the first also waits for initdb)");
        await CommitRowAsync(cluster, "committed");
        Step("committed a row");
        var postmaster = cluster.ServerProcessId();

        // A transaction left open when the server dies: its row must not appear after recovery.
        var open = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await open.OpenAsync();
        var transaction = await open.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO survivors (name) VALUES ('uncommitted')", open, transaction))
        {
            await insert.ExecuteNonQueryAsync();
        }

        Step("left a transaction open");
        await cluster.KillAsync();
        Step("killed");
        Assert.True(ProcessTable.HasEnded(postmaster));
        await Assert.ThrowsAnyAsync<Exception>(() => transaction.CommitAsync());
        await open.DisposeAsync();
        Step("the open transaction failed");

        var logBefore = new FileInfo(cluster.LogFile).Length;
        await cluster.StartAsync();
        Step("started again with crash recovery");
        Assert.NotEqual(postmaster, cluster.ServerProcessId());
        Assert.Contains("not properly shut down; automatic recovery in progress", cluster.ReadLog(logBefore), StringComparison.Ordinal);
        Assert.Equal(["committed"], await ReadRowsAsync(cluster));
        Step("read the rows");
        await cluster.DisposeAsync();
        Step("stopped (fast) and removed");
    }

    /// <summary>How long each step took, in the test's output (cluster starts and crash recoveries are measured here).</summary>
    private void Step(string what)
    {
        output.WriteLine($"{_clock.Elapsed.TotalMilliseconds,8:0} ms  {what}");
        _clock.Restart();
    }

    /// <summary>Creates the table and commits one row; returns once the commit is acknowledged.</summary>
    private static async Task CommitRowAsync(PostgresCluster cluster, string name)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE survivors (name text PRIMARY KEY)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand("INSERT INTO survivors (name) VALUES ($1)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = name });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>A new connection (no pool: the pooled ones died with the server).</summary>
    private static async Task<List<string>> ReadRowsAsync(PostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name FROM survivors ORDER BY name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
