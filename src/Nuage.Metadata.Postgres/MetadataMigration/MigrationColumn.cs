namespace Nuage.Metadata.Postgres.MetadataMigration;

using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

/// <summary>How one column crosses from the SQLite file to PostgreSQL (docs/metadata-engines.md "Moving a region").</summary>
public enum ColumnKind
{
    /// <summary>TEXT on both sides.</summary>
    Text,

    /// <summary>INTEGER (32-bit) in PostgreSQL: enumerations, counts, MQTT options.</summary>
    Integer,

    /// <summary>BIGINT in PostgreSQL: ticks, sizes, versions, sequence numbers.</summary>
    BigInt,

    /// <summary>A 0/1 INTEGER flag in SQLite, BOOLEAN in PostgreSQL.</summary>
    Boolean,

    /// <summary>BLOB / BYTEA as is.</summary>
    Bytes,

    /// <summary>An object key: TEXT in SQLite, BYTEA (its UTF-8 bytes) in PostgreSQL.</summary>
    Key,

    /// <summary>A blob id: a 16-byte BLOB in SQLite, UUID in PostgreSQL.</summary>
    BlobId,
}

/// <summary>One column of a migrated table, named as both schemas name it.</summary>
public sealed record MigrationColumn(string Name, ColumnKind Kind)
{
    /// <summary>The column in double quotes (valid in SQLite and PostgreSQL); `key` is a keyword in SQLite.</summary>
    public string Quoted => "\"" + Name + "\"";

    /// <summary>
    /// What the SELECT on the SQLite file reads. A key is read as CAST(key AS BLOB): the exact UTF-8 bytes SQLite
    /// holds, without a round trip through a .NET string.
    /// </summary>
    public string SqliteExpression => Kind == ColumnKind.Key ? $"CAST({Quoted} AS BLOB)" : Quoted;

    private NpgsqlDbType PostgresType => Kind switch
    {
        ColumnKind.Text => NpgsqlDbType.Text,
        ColumnKind.Integer => NpgsqlDbType.Integer,
        ColumnKind.BigInt => NpgsqlDbType.Bigint,
        ColumnKind.Boolean => NpgsqlDbType.Boolean,
        ColumnKind.Bytes or ColumnKind.Key => NpgsqlDbType.Bytea,
        ColumnKind.BlobId => NpgsqlDbType.Uuid,
        _ => throw new InvalidOperationException("Unknown column kind " + Kind),
    };

    /// <summary>The value at <paramref name="ordinal"/> of a SQLite row, converted to PostgreSQL's type; null for NULL.</summary>
    public object? ReadSqlite(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return Kind switch
        {
            ColumnKind.Text => reader.GetString(ordinal),
            ColumnKind.Integer => checked((int)reader.GetInt64(ordinal)),
            ColumnKind.BigInt => reader.GetInt64(ordinal),
            ColumnKind.Boolean => reader.GetInt64(ordinal) != 0,
            ColumnKind.Bytes or ColumnKind.Key => reader.GetFieldValue<byte[]>(ordinal),
            ColumnKind.BlobId => BlobId(reader.GetFieldValue<byte[]>(ordinal)),
            _ => throw new InvalidOperationException("Unknown column kind " + Kind),
        };
    }

    /// <summary>The value at <paramref name="ordinal"/> of a PostgreSQL row in the same CLR type as <see cref="ReadSqlite"/>.</summary>
    public object? ReadPostgres(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return Kind switch
        {
            ColumnKind.Text => reader.GetString(ordinal),
            ColumnKind.Integer => reader.GetInt32(ordinal),
            ColumnKind.BigInt => reader.GetInt64(ordinal),
            ColumnKind.Boolean => reader.GetBoolean(ordinal),
            ColumnKind.Bytes or ColumnKind.Key => reader.GetFieldValue<byte[]>(ordinal),
            ColumnKind.BlobId => reader.GetGuid(ordinal),
            _ => throw new InvalidOperationException("Unknown column kind " + Kind),
        };
    }

    /// <summary>Writes a converted value into a COPY row.</summary>
    public void Write(NpgsqlBinaryImporter importer, object? value)
    {
        if (value is null)
        {
            importer.WriteNull();
            return;
        }

        importer.Write(value, PostgresType);
    }

    /// <summary>
    /// The SQLite engine writes a Guid as Guid.ToByteArray() (WriteTransaction: part.BlobId.ToByteArray(), AddGarbage)
    /// and reads it with SqliteDataReader.GetGuid, which is new Guid(bytes) for a 16-byte BLOB; the same here, so the
    /// UUID in PostgreSQL is the Guid the SQLite engine handed out.
    /// </summary>
    private Guid BlobId(byte[] bytes) =>
        bytes.Length == 16
            ? new Guid(bytes)
            : throw new MetadataMigrationException($"Column {Name} holds a blob id of {bytes.Length} bytes, not 16; the source file is damaged.");
}
