namespace Nuage.Metadata.Postgres;

using Npgsql;

/// <summary>The IoT area's list reads: every row of a query, mapped, on the store's pooled connection.</summary>
internal static class PostgresIotReads
{
    public static async Task<IReadOnlyList<T>> ListAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] arguments)
    {
        var rows = new List<T>();
        await using var command = PostgresMetadataStore.Command(connection, sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
