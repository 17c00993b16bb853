namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;
using Nuage.Metadata.Core;

/// <summary>A listing seek's reader as the walk sees it: column 0 is the key. SQLite steps it lazily.</summary>
internal sealed class SqliteKeyCursor(SqliteDataReader reader) : IKeyCursor
{
    public SqliteDataReader Reader => reader;

    public string Key => reader.GetString(0);

    public bool Read() => reader.Read();

    public void Dispose() => reader.Dispose();
}
