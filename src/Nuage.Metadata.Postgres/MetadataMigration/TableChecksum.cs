namespace Nuage.Metadata.Postgres.MetadataMigration;

using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

/// <summary>
/// A checksum over every row of a table, computed the same way from the SQLite rows (after conversion) and from the
/// rows read back from PostgreSQL. Each row has a canonical encoding (per column: a type tag, then the value: UTF-8
/// text and byte strings with their length, integers as 8 bytes little-endian whatever their width, booleans as one
/// byte, UUIDs as Guid.ToByteArray()) and its SHA-256; the table's checksum is the lane-wise sum (mod 2^64) of those
/// hashes. A sum does not depend on the row order, which differs between the engines where a blob id is part of the
/// key (SQLite orders the BLOB's bytes, PostgreSQL the UUID), and rows are distinct by their primary key, so no
/// two equal rows can cancel out.
/// </summary>
public sealed class TableChecksum
{
    private readonly ArrayBufferWriter<byte> _row = new(1024);
    private readonly ulong[] _lanes = new ulong[4];

    public long Rows { get; private set; }

    /// <summary>Adds one row, its values in the CLR types <see cref="MigrationColumn.ReadSqlite"/> produces.</summary>
    public void Add(ReadOnlySpan<object?> values)
    {
        _row.ResetWrittenCount();
        foreach (object? value in values)
        {
            Encode(value);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(_row.WrittenSpan, hash);
        for (int lane = 0; lane < 4; lane++)
        {
            _lanes[lane] = unchecked(_lanes[lane] + BinaryPrimitives.ReadUInt64LittleEndian(hash[(lane * 8)..]));
        }

        Rows++;
    }

    /// <summary>The sum as 64 hex digits.</summary>
    public string Value => string.Concat(_lanes.Select(l => l.ToString("x16", CultureInfo.InvariantCulture)));

    private void Encode(object? value)
    {
        switch (value)
        {
            case null:
                Tag(0);
                break;
            case string text:
                Tag(1);
                Bytes(Encoding.UTF8.GetBytes(text));
                break;
            case int number:
                Tag(2);
                Int64(number);
                break;
            case long number:
                Tag(2);
                Int64(number);
                break;
            case bool flag:
                Tag(3);
                Tag(flag ? (byte)1 : (byte)0);
                break;
            case byte[] bytes:
                Tag(4);
                Bytes(bytes);
                break;
            case Guid guid:
                Tag(5);
                guid.TryWriteBytes(_row.GetSpan(16));
                _row.Advance(16);
                break;
            default:
                throw new InvalidOperationException("No canonical encoding for " + value.GetType());
        }
    }

    private void Tag(byte tag)
    {
        _row.GetSpan(1)[0] = tag;
        _row.Advance(1);
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_row.GetSpan(8), value);
        _row.Advance(8);
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Int64(bytes.Length);
        bytes.CopyTo(_row.GetSpan(bytes.Length));
        _row.Advance(bytes.Length);
    }
}
