using Microsoft.Data.Sqlite;
using Npgsql;
using Nuage.Metadata.Postgres;

namespace Nuage.Testing;

/// <summary>
/// Statements run on a data directory's metadata database behind the engine's back, as someone with access to the
/// database could: the tests that read what is stored in it, and those that prove tampered rows are refused (a swapped sealed secret, an altered
/// envelope) on either engine. The SQL is one text for both engines: positional parameters $1..$n (SQLite reads
/// them as the names "$1".."$n"), and literals PostgreSQL coerces to the column's type (a key literal to BYTEA).
/// </summary>
public static class DirectMetadataWrites
{
    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public static int Execute(MetadataEngine engine, string dataDirectory, string sql, params object?[] arguments) =>
        Run(engine, dataDirectory, sql, arguments, static command => command.ExecuteNonQuery());

    /// <summary>The first column of the first row, or null.</summary>
    public static object? Scalar(MetadataEngine engine, string dataDirectory, string sql, params object?[] arguments) =>
        Run(engine, dataDirectory, sql, arguments, static command => command.ExecuteScalar() is var value and not DBNull ? value : null);

    /// <summary>The first column of every row (NULL as null).</summary>
    public static IReadOnlyList<object?> Column(MetadataEngine engine, string dataDirectory, string sql, params object?[] arguments) =>
        Run(engine, dataDirectory, sql, arguments, static command =>
        {
            var values = new List<object?>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
            }

            return values;
        });

    private static T Run<T>(MetadataEngine engine, string dataDirectory, string sql, object?[] arguments, Func<System.Data.Common.DbCommand, T> run)
    {
        if (engine == MetadataEngine.Sqlite)
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "metadata.db")};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            for (int i = 0; i < arguments.Length; i++)
            {
                command.Parameters.AddWithValue("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), arguments[i] ?? DBNull.Value);
            }

            return run(command);
        }

        var url = engine.ServerOption(dataDirectory) ?? throw new InvalidOperationException($"{engine} has no database URL.");
        using var postgres = new NpgsqlConnection(PostgresUrl.Parse(url).ConnectionString);
        postgres.Open();
        using var pgCommand = new NpgsqlCommand(sql, postgres);
        foreach (var argument in arguments)
        {
            pgCommand.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        return run(pgCommand);
    }
}
