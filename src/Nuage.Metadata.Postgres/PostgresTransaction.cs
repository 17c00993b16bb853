namespace Nuage.Metadata.Postgres;

using Npgsql;

/// <summary>
/// One batch transaction of <see cref="PostgresWriter"/> as its units of work see it. The operations are split by
/// area over partial files (PostgresTransaction.Objects.cs, .Identity.cs, .Iot.cs); this file holds what they share:
/// statements with positional parameters ($1..$n) on the writer's connection, prepared by Npgsql's automatic
/// preparation after their second use.
/// </summary>
internal sealed partial class PostgresTransaction(NpgsqlConnection connection, DateTimeOffset now) : IMetadataTransaction
{
    public DateTimeOffset Now => now;

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public int Execute(string sql, params object?[] arguments)
    {
        using var command = PostgresCommands.Create(connection, sql, arguments);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null when there is no row (or it is NULL).</summary>
    public object? Scalar(string sql, params object?[] arguments)
    {
        using var command = PostgresCommands.Create(connection, sql, arguments);
        object? value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query; the caller disposes the reader before the next statement.</summary>
    public NpgsqlDataReader Query(string sql, params object?[] arguments)
    {
        using var command = PostgresCommands.Create(connection, sql, arguments);
        return command.ExecuteReader();
    }
}
