namespace Nuage.Metadata.Postgres;

using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// The seeks of one ListObjects walk with a delimiter (<see cref="PrefixWalker"/>), with the common prefixes skipped on
/// the server: the first seek the walk asks for runs <see cref="PostgresListingSql.SkipObjectPrefixes"/>, which
/// answers that seek and the seeks the walk will ask next (each at the byte successor of a common prefix) in one round
/// trip, up to the first key that does not roll up. The walk's next seeks are then served from those rows; a seek
/// they do not answer runs the statement again from there. A page of 28 common prefixes was 28 queries and is one.
/// <para>
/// The walk keeps every decision (what rolls up, which prefixes the start-after hides, the budget): the rows only
/// stand in for the queries it would have run. A row answers a seek only when this class, with the walk's own
/// rule (<see cref="PrefixWalker.Walk"/>: the delimiter after the prefix, in the key's characters), computed the
/// same common prefix from the previous row as the server did, so a difference between the two (a key the server
/// and .NET split differently) costs a query, never a wrong listing.
/// </para>
/// </summary>
internal sealed class PostgresPrefixSkipper
{
    private static readonly byte[] AboveEveryKey = [0xFF];

    private readonly NpgsqlConnection _connection;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly string _delimiter;
    private readonly byte[] _prefixUtf8;
    private readonly byte[] _delimiterUtf8;
    private readonly CancellationToken _cancellationToken;
    private readonly Queue<(byte[] From, ObjectListEntry Row)> _known = new();

    public PostgresPrefixSkipper(NpgsqlConnection connection, string bucket, string prefix, string delimiter, CancellationToken cancellationToken)
    {
        _connection = connection;
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

    public PostgresKeyCursor<ObjectListEntry> Open(KeySeek seek)
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

        List<ObjectListEntry> head = [];
        if (_known.Count > 0)
        {
            head.Add(_known.Dequeue().Row);
        }

        return new PostgresKeyCursor<ObjectListEntry>(_connection, ObjectSeeks.Instance, _bucket, seek, _cancellationToken, PostgresKeyCursor<ObjectListEntry>.FirstPage, head);
    }

    private void Run(byte[] from, byte[]? upper, int limit)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        Statements++;
        using var command = PostgresCommands.Create(
            _connection, PostgresListingSql.SkipObjectPrefixes,
            [_bucket, from, upper ?? AboveEveryKey, limit, _prefixUtf8.Length, _delimiterUtf8, AboveEveryKey]);
        using var reader = command.ExecuteReader();
        byte[] seekFrom = from;
        while (reader.Read())
        {
            var row = PostgresObjectRows.ListEntry(reader);
            _known.Enqueue((seekFrom, row));
            if (reader.IsDBNull(9))
            {
                break;
            }

            // The walk's own roll-up of this key; the next row answers the seek at its common prefix's successor
            // only when the server rolled the key up the same way.
            byte[] serverCommon = reader.GetFieldValue<byte[]>(9);
            int at = row.Key.IndexOf(_delimiter, _prefix.Length, StringComparison.Ordinal);
            if (!row.Key.StartsWith(_prefix, StringComparison.Ordinal) || at < 0)
            {
                break;
            }

            byte[] common = Utf8Keys.Encode(row.Key[..(at + _delimiter.Length)]);
            if (!common.AsSpan().SequenceEqual(serverCommon))
            {
                break;
            }

            seekFrom = Utf8Keys.Successor(common);
        }

        // Rows after a break are not trusted: the walk asks for those seeks again, and they are read then.
        while (reader.Read())
        {
        }
    }
}
