namespace Nuage.Metadata.Postgres;

using Npgsql;

/// <summary>Commands with positional parameters: argument i is $i+1, and null is SQL NULL.</summary>
internal static class PostgresCommands
{
    public static NpgsqlCommand Create(NpgsqlConnection connection, string sql, object?[] arguments)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (object? argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        return command;
    }

    public static NpgsqlCommand Create(NpgsqlDataSource dataSource, string sql, object?[] arguments)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (object? argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>One statement of an <see cref="NpgsqlBatch"/>, with the same parameters.</summary>
    public static NpgsqlBatchCommand CreateBatchCommand(string sql, object?[] arguments)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (object? argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        return command;
    }
}
