using Npgsql;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// A connection lost during COMMIT (docs/metadata-engines.md "A lost COMMIT"): the write's caller is answered with
/// the database's word once it can say whether it committed, or "outcome unknown" (503) when that takes longer than
/// the bound; writes that come meanwhile fail at once as unavailable rather than queue behind the outage.
/// </summary>
public sealed class PostgresLostCommitTests
{
    [Fact]
    public async Task A_commit_cut_off_is_resolved_after_the_database_returns_and_later_writes_do_not_wait_for_it()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        // Long enough that the cut-off write is answered with the database's word, not "outcome unknown".
        await using var store = new PostgresMetadataStore(cluster.Url) { InDoubtAnswerBound = TimeSpan.FromMinutes(10) };
        await CreateSlowCommitTableAsync(cluster);

        var cutOff = await CutOffCommitAsync(cluster, store);

        // While the first write is in doubt, a new one fails at once (503 for a client), it does not hang.
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<MetadataUnavailableException>(
            () => store.WriteAsync(t => ((PostgresTransaction)t).Execute("SELECT 1"), CancellationToken.None));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
        Assert.False(cutOff.IsCompleted);

        // The server back: the marker is not there (an immediate stop came before the commit record), so the cut-off
        // write fails as unavailable, and nothing of it is in the table.
        await cluster.StartAsync();
        await Assert.ThrowsAsync<MetadataUnavailableException>(() => cutOff);
        Assert.Equal(0L, await CountScratchRowsAsync(cluster));
    }

    [Fact]
    public async Task A_commit_cut_off_for_longer_than_the_bound_is_answered_outcome_unknown_and_then_told_its_outcome()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url) { InDoubtAnswerBound = TimeSpan.FromSeconds(1) };
        await CreateSlowCommitTableAsync(cluster);

        var cutOff = await CutOffCommitAsync(cluster, store);

        // Issue 18: a request in flight fails with 503 while the database is down, it does not wait for its return.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var unknown = await Assert.ThrowsAsync<MetadataOutcomeUnknownException>(() => cutOff);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
        Assert.True(unknown.IsTransient);
        await Task.Delay(500);
        Assert.False(unknown.Committed.IsCompleted, "the outcome cannot be known while the database is down");

        // The database back, the engine finds out: an immediate stop came before the commit record.
        await cluster.StartAsync();
        Assert.False(await unknown.Committed.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_commit_cut_off_after_its_commit_record_is_answered_outcome_unknown_and_then_told_it_committed()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url) { InDoubtAnswerBound = TimeSpan.FromSeconds(1) };
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();

            // A synchronous standby that never comes: a COMMIT writes its commit record, then waits for the standby's
            // confirmation forever (PostgreSQL docs 27.2.8 "Synchronous Replication"). Stopping the server then cuts
            // off a COMMIT that is in fact committed: recovery replays the record.
            // One statement per command: ALTER SYSTEM may not share a transaction (or a pipeline) with others.
            foreach (var sql in new[] { "CREATE TABLE scratch (n INTEGER PRIMARY KEY)", "ALTER SYSTEM SET synchronous_standby_names = 'absent_standby'", "SELECT pg_reload_conf()" })
            {
                await using var setup = new NpgsqlCommand(sql, connection);
                await setup.ExecuteNonQueryAsync();
            }
        }

        var cutOff = await CutOffCommitAsync(cluster, store);
        var unknown = await Assert.ThrowsAsync<MetadataOutcomeUnknownException>(() => cutOff.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(unknown.Committed.IsCompleted, "the outcome cannot be known while the database is down");

        await cluster.StartAsync();
        Assert.True(await unknown.Committed.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1L, await CountScratchRowsAsync(cluster));
    }

    [Fact]
    public async Task A_store_stopped_with_a_commit_in_doubt_says_its_outcome_will_never_be_known()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        var store = new PostgresMetadataStore(cluster.Url) { InDoubtAnswerBound = TimeSpan.FromMinutes(10) };
        await CreateSlowCommitTableAsync(cluster);

        var cutOff = await CutOffCommitAsync(cluster, store);
        await store.DisposeAsync();

        // Not "failed": a caller told that would delete blobs a committed row may reference.
        var unknown = await Assert.ThrowsAsync<MetadataOutcomeUnknownException>(() => cutOff);
        Assert.True(unknown.Committed.IsCanceled);
    }

    /// <summary>
    /// Starts a write of one row and stops the server immediately while that write's COMMIT runs: the write is left
    /// in doubt. Returns the write, still unanswered.
    /// </summary>
    private static async Task<Task<int>> CutOffCommitAsync(PostgresCluster cluster, PostgresMetadataStore store)
    {
        var cutOff = store.WriteAsync(t => ((PostgresTransaction)t).Execute("INSERT INTO scratch VALUES (1)"), CancellationToken.None);
        await WaitForCommitInProgressAsync(cluster);
        await cluster.StopAsync(PostgresStopMode.Immediate);
        return cutOff;
    }

    /// <summary>The rows of the scratch table, read unpooled: the test's pooled connections died with the server.</summary>
    private static async Task<long> CountScratchRowsAsync(PostgresCluster cluster)
    {
        await using var check = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM scratch", check);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A table whose inserts hold their COMMIT for 3 s: a deferred constraint trigger runs at COMMIT, long enough to
    /// stop the server under it.
    /// </summary>
    private static async Task CreateSlowCommitTableAsync(PostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var setup = new NpgsqlCommand(
            "CREATE TABLE scratch (n INTEGER PRIMARY KEY);" +
            "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$;" +
            "CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON scratch DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit();",
            connection);
        await setup.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until a backend of the store runs COMMIT (it sits in the deferred trigger's pg_sleep).</summary>
    private static async Task WaitForCommitInProgressAsync(PostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'nuage' AND query = 'COMMIT' AND state = 'active')", connection);
            if ((bool)(await command.ExecuteScalarAsync())!)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The store's COMMIT never started.");
    }
}
