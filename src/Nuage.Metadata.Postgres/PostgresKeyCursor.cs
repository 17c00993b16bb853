namespace Nuage.Metadata.Postgres;

using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// One listing seek (<see cref="KeySeek"/>) over PostgreSQL, read in pages. Without a delimiter the walk reads a
/// seek to its end, so the first page is the seek's whole limit: one query a listing page (<see cref="WholeSeek"/>).
/// With a delimiter <see cref="PrefixWalker"/> drops a seek as soon as a key rolls up into a common prefix, so asking
/// for the whole limit would read up to a thousand rows to use one: there the first page is small
/// (<see cref="FirstPage"/> rows) and each next page eight times larger, up to the seek's limit, continuing from the
/// last row read. A seek may also start with rows already read (<paramref name="head"/>): the first key of a seek
/// that <see cref="PostgresPrefixSkipper"/> found on the server while skipping common prefixes; the cursor then
/// continues after them.
/// <para>
/// Every page is one range scan of an index on (bucket, key, ...): `key &gt;= from` (or `&gt;`), `key &lt; upper`,
/// in key order, LIMITed. Where a key has several rows (versions, uploads), a page that ends inside a key is
/// continued by <see cref="ListingSeeks{TRow}.ReadRestOfKey"/> (the rest of that key, an equality seek) before the
/// range resumes after it, so no page needs an OR of two ranges, which PostgreSQL could not serve in index order.
/// </para>
/// <para>
/// The walk is synchronous, so the cursor runs synchronous Npgsql commands on the connection the (async) store
/// method opened, inside its REPEATABLE READ snapshot: every page of every seek sees the same committed state, and
/// the walker is shared with the SQLite engine instead of being written a second time as async. A listing holds one
/// pool thread for a few short queries, which is what the SQLite engine does for its whole read.
/// </para>
/// </summary>
internal sealed class PostgresKeyCursor<TRow> : IKeyCursor
{
    public const int FirstPage = 8;

    /// <summary>A first page as large as the seek's limit (a listing without a delimiter reads its seek whole).</summary>
    public const int WholeSeek = int.MaxValue;
    private const int Growth = 8;

    private readonly NpgsqlConnection _connection;
    private readonly ListingSeeks<TRow> _seeks;
    private readonly string _bucket;
    private readonly KeySeek _seek;
    private readonly CancellationToken _cancellationToken;
    private readonly List<TRow> _page = [];
    private int _index = -1;
    private int _read;
    private int _nextPage;
    private bool _exhausted;

    /// <param name="firstPage"><see cref="FirstPage"/> or <see cref="WholeSeek"/>.</param>
    /// <param name="head">
    /// The seek's first rows, already read in listing order (null: none known); an empty list means the seek has no row.
    /// </param>
    public PostgresKeyCursor(
        NpgsqlConnection connection, ListingSeeks<TRow> seeks, string bucket, KeySeek seek, CancellationToken cancellationToken,
        int firstPage = FirstPage, IReadOnlyList<TRow>? head = null)
    {
        _connection = connection;
        _seeks = seeks;
        _bucket = bucket;
        _seek = seek;
        _cancellationToken = cancellationToken;
        _nextPage = Math.Min(firstPage, seek.Limit);
        if (head is not null)
        {
            _page.AddRange(head);
            _read = head.Count;
            _exhausted = head.Count == 0;
        }
    }

    public TRow Current => _page[_index];

    public string Key => _seeks.KeyOf(Current);

    public bool Read()
    {
        if (_index + 1 < _page.Count)
        {
            _index++;
            return true;
        }

        if (_exhausted || _read >= _seek.Limit)
        {
            return false;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        int size = Math.Min(_nextPage, _seek.Limit - _read);
        _nextPage = (int)Math.Min((long)size * Growth, int.MaxValue);
        TRow? last = _page.Count > 0 ? _page[^1] : default;
        bool continuing = _page.Count > 0;
        _page.Clear();
        _index = -1;
        if (!continuing)
        {
            _seeks.ReadRange(_connection, _bucket, _seek.From, _seek.Exclusive, _seek.Upper, size, _page);
        }
        else
        {
            _seeks.ReadRestOfKey(_connection, _bucket, last!, size, _page);
            if (_page.Count < size)
            {
                _seeks.ReadRange(_connection, _bucket, Utf8Keys.Encode(_seeks.KeyOf(last!)), true, _seek.Upper, size - _page.Count, _page);
            }
        }

        _read += _page.Count;
        _exhausted = _page.Count < size;
        if (_page.Count == 0)
        {
            return false;
        }

        _index = 0;
        return true;
    }

    public void Dispose()
    {
        // Every page is read to its end when fetched: there is no open reader to close.
    }
}
