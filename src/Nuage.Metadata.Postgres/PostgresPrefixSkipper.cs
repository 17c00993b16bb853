namespace Nuage.Metadata.Postgres;

using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// The seeks of one delimiter listing's walk (<see cref="PrefixWalker"/>: ListObjects, ListObjectVersions or
/// ListMultipartUploads), with the common prefixes skipped on the server: the first seek the walk asks for runs the
/// listing's statement of <see cref="PostgresListingSql"/> (<see cref="ListingSeeks{TRow}.SkipPrefixes"/>), which
/// answers that seek and the seeks the walk will ask next (each at the byte successor of a common prefix) in one round
/// trip, up to the first key that does not roll up. The walk's next seeks are then served from those rows; a seek
/// they do not answer runs the statement again from there. A page of 28 common prefixes was 28 queries and is one.
/// <para>
/// A row stands for the first row of its seek: a key's one current object, its newest version, or its first upload
/// by id. When the key does not roll up, the cursor reads the rest of that key (older versions, later uploads) and the
/// keys after it with its own range scans (<see cref="PostgresKeyCursor{TRow}"/>).
/// </para>
/// <para>
/// The walk keeps every decision (what rolls up, which prefixes the start-after hides, the budget): the rows only
/// stand in for the queries it would have run. A row answers a seek only when this class, with the walk's own
/// rule (<see cref="PrefixWalker.Walk"/>: the delimiter after the prefix, in the key's characters), computed the
/// same common prefix from the previous row as the server did, so a difference between the two (a key the server
/// and .NET split differently) costs a query, never a wrong listing.
/// </para>
/// </summary>
internal sealed class PostgresPrefixSkipper<TRow>
{
    private static readonly byte[] AboveEveryKey = [0xFF];

    private readonly NpgsqlConnection _connection;
    private readonly ListingSeeks<TRow> _seeks;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly string _delimiter;
    private readonly byte[] _prefixUtf8;
    private readonly byte[] _delimiterUtf8;
    private readonly CancellationToken _cancellationToken;
    // Seeks answered ahead, in the order the walk will ask for them: the seek's first row, or none (the seek is empty).
    private readonly Queue<(byte[] From, bool Found, TRow Row)> _known = new();

    public PostgresPrefixSkipper(
        NpgsqlConnection connection, ListingSeeks<TRow> seeks, string bucket, string prefix, string delimiter, CancellationToken cancellationToken)
    {
        _connection = connection;
        _seeks = seeks;
        _bucket = bucket;
        _prefix = prefix;
        _delimiter = delimiter;
        _prefixUtf8 = Utf8Keys.Encode(prefix);
        _delimiterUtf8 = Utf8Keys.Encode(delimiter);
        _cancellationToken = cancellationToken;
    }

    /// <summary>How many seeks the server has answered that the walk used (for the tests' count of round trips).</summary>
    public int SeeksServedFromAhead { get; private set; }

    /// <summary>How many times the skipping statement ran.</summary>
    public int Statements { get; private set; }

    public PostgresKeyCursor<TRow> Open(KeySeek seek)
    {
        // An inclusive start is the seek's own bound; an exclusive one (the start-after key) is its first successor:
        // key > from exactly when key >= from || 0x00, bytewise.
        byte[] from = seek.Exclusive ? [.. seek.From, 0] : seek.From;
        if (_known.Count == 0 || !_known.Peek().From.AsSpan().SequenceEqual(from))
        {
            _known.Clear();
            Run(from, seek.Upper, seek.Limit);
        }
        else
        {
            SeeksServedFromAhead++;
        }

        List<TRow> head = [];
        if (_known.TryDequeue(out var known) && known.Found)
        {
            head.Add(known.Row);
        }

        return new PostgresKeyCursor<TRow>(_connection, _seeks, _bucket, seek, _cancellationToken, PostgresKeyCursor<TRow>.FirstPage, head);
    }

    private void Run(byte[] from, byte[]? upper, int limit)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        Statements++;
        using var command = PostgresCommands.Create(
            _connection, _seeks.SkipPrefixes,
            [_bucket, from, upper ?? AboveEveryKey, limit, _prefixUtf8.Length, _delimiterUtf8, AboveEveryKey]);
        using var reader = command.ExecuteReader();
        byte[] seekFrom = from;
        int commonColumn = reader.FieldCount - 1;
        int rows = 0;
        bool agreed = false;
        while (reader.Read())
        {
            rows++;
            agreed = false;
            var row = _seeks.Row(reader);
            _known.Enqueue((seekFrom, true, row));
            if (reader.IsDBNull(commonColumn))
            {
                break;
            }

            // The walk's own roll-up of this key; the next row answers the seek at its common prefix's successor
            // only when the server rolled the key up the same way.
            byte[] serverCommon = reader.GetFieldValue<byte[]>(commonColumn);
            string key = _seeks.KeyOf(row);
            int at = key.IndexOf(_delimiter, _prefix.Length, StringComparison.Ordinal);
            if (!key.StartsWith(_prefix, StringComparison.Ordinal) || at < 0)
            {
                break;
            }

            byte[] common = Utf8Keys.Encode(key[..(at + _delimiter.Length)]);
            if (!common.AsSpan().SequenceEqual(serverCommon))
            {
                break;
            }

            seekFrom = Utf8Keys.Successor(common);
            agreed = true;
        }

        // Rows after a break are not trusted: the walk asks for those seeks again, and they are read then.
        while (reader.Read())
        {
        }

        // The server's walk ended below its step limit after a key both sides rolled up the same way: it found no key
        // after that common prefix, so the walk's seek there (its last, when the page ends on common prefixes) is
        // known to be empty and costs no round trip.
        if (agreed && rows < limit)
        {
            _known.Enqueue((seekFrom, false, default!));
        }
    }
}
