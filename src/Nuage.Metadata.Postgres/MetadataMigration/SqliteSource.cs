namespace Nuage.Metadata.Postgres.MetadataMigration;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

/// <summary>
/// The region's SQLite metadata file, opened read-only: the migration never writes to its source. Everything is read
/// inside one read transaction, so a run sees one snapshot of the file from its first count to its last checksum
/// (SQLite's WAL mode gives a reader a snapshot). The server must be stopped all the same: rows it wrote after a run
/// would be missing from PostgreSQL, and a rerun would find the source changed (<see cref="Fingerprint"/>).
/// </summary>
public sealed class SqliteSource : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _snapshot;

    private SqliteSource(SqliteConnection connection, SqliteTransaction snapshot, string path)
    {
        _connection = connection;
        _snapshot = snapshot;
        Path = path;
    }

    public string Path { get; }

    /// <summary>
    /// Opens DATA_DIR/metadata.db read-only and checks it is at schema <see cref="MigrationTables.SchemaVersion"/>.
    /// An older file is refused rather than migrated here: migrating writes to the source, which is the server's job
    /// (start this version's server on the data directory once, stop it, and run the migration again).
    /// </summary>
    public static SqliteSource Open(string dataDirectory)
    {
        string path = System.IO.Path.Combine(dataDirectory, "metadata.db");
        if (!File.Exists(path))
        {
            throw new MetadataMigrationException($"There is no metadata file {path}: --from must be a Nuage data directory.");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            var snapshot = connection.BeginTransaction(deferred: true);
            var source = new SqliteSource(connection, snapshot, path);
            source.CheckVersion();
            return source;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new MetadataMigrationException($"Cannot read {path}: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The column names of a table in the file.</summary>
    public HashSet<string> Columns(string table)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var command = Command($"SELECT name FROM pragma_table_info('{table}')");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The names of the file's tables.</summary>
    public List<string> Tables()
    {
        var names = new List<string>();
        using var command = Command("SELECT name FROM sqlite_master WHERE type = 'table'");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public long Count(MigrationTable table)
    {
        using var command = Command($"SELECT count(*) FROM {table.QuotedName}");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The table's rows in primary key order, converted, after the first <paramref name="skip"/> rows (those a
    /// previous run committed). The rows skipped are found once, by their count (one OFFSET walk of the primary key
    /// index to the last copied key), then the rest are read from that key on.
    /// </summary>
    public IEnumerable<object?[]> Rows(MigrationTable table, long skip)
    {
        string select = $"SELECT {string.Join(", ", table.Columns.Select(c => c.SqliteExpression))} FROM {table.QuotedName}";
        using var command = _connection.CreateCommand();
        command.Transaction = _snapshot;
        if (skip == 0)
        {
            command.CommandText = $"{select} ORDER BY {table.PrimaryKeyList}";
        }
        else
        {
            object[] last = LastCopiedKey(table, skip);
            string parameters = string.Join(", ", last.Select((_, i) => "$" + (i + 1).ToString(CultureInfo.InvariantCulture)));
            command.CommandText = $"{select} WHERE ({table.PrimaryKeyList}) > ({parameters}) ORDER BY {table.PrimaryKeyList}";
            for (int i = 0; i < last.Length; i++)
            {
                command.Parameters.AddWithValue("$" + (i + 1).ToString(CultureInfo.InvariantCulture), last[i]);
            }
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new object?[table.Columns.Count];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = table.Columns[i].ReadSqlite(reader, i);
            }

            yield return row;
        }
    }

    /// <summary>
    /// The largest id SQLite has handed out for an identity column: the largest present, or for an AUTOINCREMENT
    /// table the larger of that and sqlite_sequence's (ids of deleted rows are never handed out again).
    /// </summary>
    public long IdentityHighWater(MigrationTable table)
    {
        using var max = Command($"SELECT COALESCE(MAX(\"{table.Identity}\"), 0) FROM {table.QuotedName}");
        long highest = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (table.AutoIncrement)
        {
            using var sequence = Command($"SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = '{table.Name}'");
            highest = Math.Max(highest, Convert.ToInt64(sequence.ExecuteScalar(), CultureInfo.InvariantCulture));
        }

        return highest;
    }

    /// <summary>
    /// What identifies this source's contents for a resumed run: every table's row count and its last row by primary
    /// key. A target whose partial copy was made from another file, or from this one before the server wrote to it
    /// again, carries another fingerprint and is refused.
    /// </summary>
    public string Fingerprint(IReadOnlyList<MigrationTable> tables)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            var checksum = new TableChecksum();
            using var command = Command($"SELECT {string.Join(", ", table.Columns.Select(c => c.SqliteExpression))} FROM {table.QuotedName} ORDER BY {string.Join(", ", table.PrimaryKey.Select(c => "\"" + c + "\" DESC"))} LIMIT 1");
            using (var reader = command.ExecuteReader())
            {
                if (reader.Read())
                {
                    var row = new object?[table.Columns.Count];
                    for (int i = 0; i < row.Length; i++)
                    {
                        row[i] = table.Columns[i].ReadSqlite(reader, i);
                    }

                    checksum.Add(row);
                }
            }

            hash.AppendData(Encoding.UTF8.GetBytes($"{table.Name}:{Count(table)}:{checksum.Value};"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _snapshot.Dispose();
        _connection.Dispose();
    }

    private object[] LastCopiedKey(MigrationTable table, long copied)
    {
        using var command = Command($"SELECT {table.PrimaryKeyList} FROM {table.QuotedName} ORDER BY {table.PrimaryKeyList} LIMIT 1 OFFSET {(copied - 1).ToString(CultureInfo.InvariantCulture)}");
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new MetadataMigrationException(
                $"The target records {copied} rows of {table.Name} copied, but the source has fewer: it changed since the copy began.");
        }

        // The raw SQLite values (TEXT stays TEXT, BLOB stays BLOB), so the comparison is SQLite's own.
        var key = new object[table.PrimaryKey.Count];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = reader.GetValue(i);
        }

        return key;
    }

    private void CheckVersion()
    {
        using var exists = Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
        int version = 0;
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
        {
            using var read = Command("SELECT COALESCE(MAX(version), 0) FROM schema_version");
            version = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        if (version != MigrationTables.SchemaVersion)
        {
            throw new MetadataMigrationException(version < MigrationTables.SchemaVersion
                ? $"{Path} is at schema version {version:000}; the migration copies schema {MigrationTables.SchemaVersion:000}. Start this version's nuage server on the data directory once (it upgrades the file), stop it, and run the migration again."
                : $"{Path} is at schema version {version:000}, newer than this program's {MigrationTables.SchemaVersion:000}: migrate with the nuage that wrote it.");
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _snapshot;
        command.CommandText = sql;
        return command;
    }
}
