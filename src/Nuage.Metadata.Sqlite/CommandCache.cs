namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;

/// <summary>
/// Prepared statements of one connection. A SqliteCommand keeps its compiled statement while its text and
/// connection stay the same, so reusing the command skips SQL parsing on every call (hot path: GET/PUT 4 KiB).
/// Statement texts are static strings, so lookup is by reference.
/// </summary>
internal sealed class CommandCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(ReferenceEqualityComparer.Instance);

    public SqliteConnection Connection => connection;

    public SqliteCommand Get(string sql, int parameterCount)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (int i = 1; i <= parameterCount; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value));
            }

            _commands.Add(sql, command);
        }

        return command;
    }

    public void Execute(string sql)
    {
        var command = Get(sql, 0);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
