namespace Nuage.Metadata.Postgres;

using Npgsql;
using Nuage.Metadata.Core;

/// <summary>What <see cref="PostgresKeyCursor{TRow}"/> runs for one kind of listing row.</summary>
internal abstract class ListingSeeks<TRow>
{
    public abstract string KeyOf(TRow row);

    /// <summary>
    /// The statement of <see cref="PostgresListingSql"/> that skips this listing's common prefixes on the server; its
    /// rows are <see cref="Row"/>'s columns followed by the common prefix.
    /// </summary>
    public abstract string SkipPrefixes { get; }

    /// <summary>The listing row at the reader's current row.</summary>
    public abstract TRow Row(NpgsqlDataReader reader);

    /// <summary>Rows with key in [from, upper) (or (from, upper) when exclusive), in listing order, at most limit.</summary>
    public abstract void ReadRange(NpgsqlConnection connection, string bucket, byte[] from, bool exclusive, byte[]? upper, int limit, List<TRow> into);

    /// <summary>The rows of last's key that follow it in listing order; none when a key has one row.</summary>
    public abstract void ReadRestOfKey(NpgsqlConnection connection, string bucket, TRow last, int limit, List<TRow> into);

    protected static void Read(NpgsqlConnection connection, string sql, object?[] arguments, Func<NpgsqlDataReader, TRow> row, List<TRow> into)
    {
        using var command = PostgresCommands.Create(connection, sql, arguments);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(row(reader));
        }
    }

    /// <summary>Arguments of a range seek: $1 bucket, $2 from, $3 limit, $4 upper when bounded.</summary>
    protected static object?[] RangeArguments(string bucket, byte[] from, byte[]? upper, int limit) =>
        upper is null ? [bucket, from, limit] : [bucket, from, limit, upper];
}

/// <summary>Current objects: one row a key, so a page continues after its last key.</summary>
internal sealed class ObjectSeeks : ListingSeeks<ObjectListEntry>
{
    public static readonly ObjectSeeks Instance = new();

    private static readonly string[] Statements =
        [PostgresObjectSql.SeekObjects(false, false), PostgresObjectSql.SeekObjects(true, false), PostgresObjectSql.SeekObjects(false, true), PostgresObjectSql.SeekObjects(true, true)];

    public override string KeyOf(ObjectListEntry row) => row.Key;

    public override string SkipPrefixes => PostgresListingSql.SkipObjectPrefixes;

    public override ObjectListEntry Row(NpgsqlDataReader reader) => PostgresObjectRows.ListEntry(reader);

    public override void ReadRange(NpgsqlConnection connection, string bucket, byte[] from, bool exclusive, byte[]? upper, int limit, List<ObjectListEntry> into) =>
        Read(connection, Statements[(exclusive ? 1 : 0) + (upper is null ? 0 : 2)], RangeArguments(bucket, from, upper, limit), PostgresObjectRows.ListEntry, into);

    public override void ReadRestOfKey(NpgsqlConnection connection, string bucket, ObjectListEntry last, int limit, List<ObjectListEntry> into)
    {
    }
}

/// <summary>Every version: a key's versions newest first (seq descending), so a page ending inside a key continues below its last seq.</summary>
internal sealed class VersionSeeks : ListingSeeks<(ObjectVersionEntry Entry, long Seq)>
{
    public static readonly VersionSeeks Instance = new();

    private static readonly string[] Statements =
        [PostgresObjectSql.SeekVersions(false, false), PostgresObjectSql.SeekVersions(true, false), PostgresObjectSql.SeekVersions(false, true), PostgresObjectSql.SeekVersions(true, true)];

    public override string KeyOf((ObjectVersionEntry Entry, long Seq) row) => row.Entry.Key;

    public override string SkipPrefixes => PostgresListingSql.SkipVersionPrefixes;

    public override (ObjectVersionEntry Entry, long Seq) Row(NpgsqlDataReader reader) => PostgresObjectRows.VersionEntry(reader);

    public override void ReadRange(NpgsqlConnection connection, string bucket, byte[] from, bool exclusive, byte[]? upper, int limit, List<(ObjectVersionEntry Entry, long Seq)> into) =>
        Read(connection, Statements[(exclusive ? 1 : 0) + (upper is null ? 0 : 2)], RangeArguments(bucket, from, upper, limit), PostgresObjectRows.VersionEntry, into);

    public override void ReadRestOfKey(NpgsqlConnection connection, string bucket, (ObjectVersionEntry Entry, long Seq) last, int limit, List<(ObjectVersionEntry Entry, long Seq)> into) =>
        Read(connection, PostgresObjectSql.SeekVersionsOfKeyBefore, [bucket, Utf8Keys.Encode(last.Entry.Key), last.Seq, limit], PostgresObjectRows.VersionEntry, into);
}

/// <summary>Unfinished uploads: a key's uploads by upload id, so a page ending inside a key continues after its last id.</summary>
internal sealed class UploadSeeks : ListingSeeks<UploadRow>
{
    public static readonly UploadSeeks Instance = new();

    private static readonly string[] Statements =
        [PostgresObjectSql.SeekUploads(false, false), PostgresObjectSql.SeekUploads(true, false), PostgresObjectSql.SeekUploads(false, true), PostgresObjectSql.SeekUploads(true, true)];

    public override string KeyOf(UploadRow row) => row.Key;

    public override string SkipPrefixes => PostgresListingSql.SkipUploadPrefixes;

    public override UploadRow Row(NpgsqlDataReader reader) => PostgresObjectRows.Upload(reader);

    public override void ReadRange(NpgsqlConnection connection, string bucket, byte[] from, bool exclusive, byte[]? upper, int limit, List<UploadRow> into) =>
        Read(connection, Statements[(exclusive ? 1 : 0) + (upper is null ? 0 : 2)], RangeArguments(bucket, from, upper, limit), PostgresObjectRows.Upload, into);

    public override void ReadRestOfKey(NpgsqlConnection connection, string bucket, UploadRow last, int limit, List<UploadRow> into) =>
        Read(connection, PostgresObjectSql.SeekUploadsOfKeyAfterId, [bucket, Utf8Keys.Encode(last.Key), last.UploadId, limit], PostgresObjectRows.Upload, into);
}
