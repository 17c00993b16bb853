namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;

internal static class SqliteCommandExtensions
{
    /// <summary>Sets positional parameter $<paramref name="index"/>+1; null binds SQL NULL.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, int index, object? value)
    {
        command.Parameters[index].Value = value ?? DBNull.Value;
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
