namespace Nuage.Metadata.Sqlite;

using System.Globalization;

/// <summary>
/// Sizes the writer connection's page cache by the size of the database, checked every
/// <see cref="CommitsBetweenChecks"/> commits on the writer's thread.
///
/// Why not one size: a bigger cache saves re-reading index leaves from the OS as the version history grows, but
/// until the database reaches 1 GiB every commit that split a b-tree page pays for every page the cache holds.
/// SQLite's balance_nonroot swaps the numbers of new sibling pages through a temporary number, that of the page
/// holding the lock byte (PENDING_BYTE, at 1 GiB: page 262,145 with 4 KiB pages); the page cache remembers that as
/// its highest page number, so at the end of the transaction (pager_end_transaction, truncating the cache to the
/// database size) it walks its whole hash table to drop pages past the end. With 64 MiB of cache that walk was 10-12%
/// of the CPU of a versioned PUT's commit (a perf profile of bench/Nuage.Bench.Metadata, SQLite 3.49:
/// pcache1TruncateUnsafe); once the database is larger than 1 GiB that page is inside it and the walk stops.
/// So: a small cache below 1 GiB, the large one above it (docs/performance.md "Versioning cost").
/// </summary>
internal sealed class WriterCacheSize(CommandCache commands)
{
    /// <summary>Pages are counted again after this many commits: a PRAGMA read of the header, about a microsecond.</summary>
    public const int CommitsBetweenChecks = 1024;

    // Below the lock-byte page 8 MiB (SQLite's default is 2 MiB); above it 64 MiB, so the index leaves a versioned PUT
    // touches stay cached as the history grows.
    // A negative cache_size is in KiB (https://sqlite.org/pragma.html#pragma_cache_size).
    private const string SetSmall = "PRAGMA cache_size = -8192";
    private const string SetLarge = "PRAGMA cache_size = -65536";
    private const string PageSize = "PRAGMA page_size";
    private const string PageCount = "PRAGMA page_count";
    private const long PendingByte = 0x40000000;
    private long _lockBytePage;
    private bool? _large;
    private int _commits;

    /// <summary>Sets the size for the database as it is now; called once the schema is in place.</summary>
    public void Apply()
    {
        if (_lockBytePage == 0)
        {
            _lockBytePage = (PendingByte / Read(PageSize)) + 1;
        }

        bool large = Read(PageCount) > _lockBytePage;
        if (large != _large)
        {
            commands.Execute(large ? SetLarge : SetSmall);
            _large = large;
        }
    }

    /// <summary>Called after each commit; every <see cref="CommitsBetweenChecks"/> commits, sizes the cache again.</summary>
    public void Committed()
    {
        if (++_commits % CommitsBetweenChecks == 0 && _large != true)
        {
            Apply();
        }
    }

    private long Read(string pragma) => Convert.ToInt64(commands.Get(pragma, 0).ExecuteScalar(), CultureInfo.InvariantCulture);
}
