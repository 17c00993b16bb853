using Npgsql;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>The engine when its server goes away and comes back: transient failures, then on by itself.</summary>
public sealed class PostgresReconnectTests
{
    [Theory]
    [InlineData(PostgresStopMode.Fast)]
    [InlineData(PostgresStopMode.Immediate)]
    public async Task Writes_and_reads_fail_as_unavailable_while_the_server_is_down_and_work_again_after(PostgresStopMode mode)
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await store.WriteAsync(t => ((PostgresTransaction)t).Execute("CREATE TABLE scratch (n INTEGER PRIMARY KEY)"), CancellationToken.None);
        await store.WriteAsync(t => ((PostgresTransaction)t).Execute("INSERT INTO scratch VALUES (1)"), CancellationToken.None);

        await cluster.StopAsync(mode);
        await Assert.ThrowsAsync<MetadataUnavailableException>(
            () => store.WriteAsync(t => ((PostgresTransaction)t).Execute("INSERT INTO scratch VALUES (2)"), CancellationToken.None));
        await Assert.ThrowsAsync<MetadataUnavailableException>(() => CountAsync(store).AsTask());

        await cluster.StartAsync();
        await store.WriteAsync(t => ((PostgresTransaction)t).Execute("INSERT INTO scratch VALUES (3)"), CancellationToken.None);
        Assert.Equal(2L, await CountAsync(store));
    }

    private static ValueTask<long> CountAsync(PostgresMetadataStore store) =>
        store.ReadAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand("SELECT count(*) FROM scratch", connection);
                return (long)(await command.ExecuteScalarAsync(token))!;
            },
            CancellationToken.None);
}
