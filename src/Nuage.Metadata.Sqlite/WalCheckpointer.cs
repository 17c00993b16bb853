namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;
using Nuage.Telemetry;
using Prometheus;

/// <summary>
/// Copies committed WAL pages into the database file on a thread of its own, so the group-commit writer does not.
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold, on the writer's connection: every
/// caller of that batch waits for the copy of up to a thousand random pages and an fsync of the database file, and
/// no other write commits meanwhile. A PASSIVE checkpoint from another connection copies the same pages without
/// taking the write lock ("Checkpointing", sqlite.org/wal.html; sqlite3_wal_checkpoint_v2: PASSIVE "without waiting
/// for any database readers or writers"), so commits go on while it runs.
///
/// The writer keeps its automatic checkpoint at <see cref="WriterBackstopPages"/>: a PASSIVE checkpoint racing
/// steady writes never backfills the very last frames, and the WAL only restarts from its beginning after a
/// checkpoint that backfilled every frame. When the WAL reaches the backstop the writer's own checkpoint finds all
/// but the newest frames already copied, finishes in a few pages, and the next transaction restarts the WAL; if this
/// thread stops working, the backstop still bounds the WAL.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>The writer's wal_autocheckpoint: 8,192 pages of 4 KiB, a WAL of at most ~32 MiB.</summary>
    public const int WriterBackstopPages = 8192;

    // Checkpoints follow commits at most this often: pages written several times in between (the usage rows, the
    // newest leaf of objects) are copied once.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _committed = new(false);
    private readonly ManualResetEventSlim _stopping = new(false);
    private readonly Counter _checkpoints;
    private readonly Counter _pages;
    private readonly Counter _failures;

    // Frames backfilled as of the previous checkpoint, so each one counts only the pages it copied.
    private long _lastBackfilled;

    public WalCheckpointer(string databasePath, NuageMetrics metrics)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        _connection.Open();

        // FULL: the checkpoint fsyncs the WAL before copying and the database file after, as the writer's would.
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = FULL";
            pragma.ExecuteNonQuery();
        }

        _checkpoint = _connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        _checkpoints = metrics.Counter("nuage_metadata_checkpoints_total", "Background WAL checkpoints run (PASSIVE, beside the writer).");
        _pages = metrics.Counter("nuage_metadata_checkpoint_pages_total", "WAL pages copied into the metadata database by background checkpoints.");
        _failures = metrics.Counter("nuage_metadata_checkpoint_failures_total", "Background WAL checkpoints that failed (the writer's own checkpoint covers).");
        _thread = new Thread(Run) { IsBackground = true, Name = "nuage-metadata-checkpointer" };
        _thread.Start();
    }

    /// <summary>Called by the writer after each commit: there are pages to copy.</summary>
    public void Committed() => _committed.Set();

    public void Dispose()
    {
        _stopping.Set();
        _committed.Set();
        _thread.Join();
        _checkpoint.Dispose();
        _connection.Dispose();
        _committed.Dispose();
        _stopping.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _committed.Wait();
            if (_stopping.Wait(Interval))
            {
                return;
            }

            _committed.Reset();
            if (_stopping.IsSet)
            {
                // Dispose sets _stopping, then _committed: a Reset that erased its _committed came after its
                // _stopping, and waiting for _committed again would never end (it hung a test run's dispose).
                return;
            }

            try
            {
                // One row: busy, frames in the WAL, frames now in the database file. Busy (1, -1, -1) when another
                // checkpoint holds the lock, such as the writer's backstop: nothing was copied by this one.
                using var reader = _checkpoint.ExecuteReader();
                long backfilled = reader.Read() ? reader.GetInt64(2) : -1;
                _checkpoints.Inc();
                if (backfilled >= 0)
                {
                    // Fewer frames backfilled than last time: the WAL restarted from its beginning in between.
                    _pages.Inc(backfilled >= _lastBackfilled ? backfilled - _lastBackfilled : backfilled);
                    _lastBackfilled = backfilled;
                }
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                // The writer's own checkpoint still bounds the WAL; this thread must never take the process down.
                _failures.Inc();
            }
        }
    }
}
