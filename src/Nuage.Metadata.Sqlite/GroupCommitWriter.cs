namespace Nuage.Metadata.Sqlite;

using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Nuage.Metadata.Core;

/// <summary>
/// Group commit (DESIGN.md "Performance design"): one thread owns the write connection, takes every unit of work
/// waiting, runs them in one transaction with a SAVEPOINT each (a failing unit, such as a failed write condition,
/// is rolled back alone), commits once (one WAL fsync under synchronous=FULL for the whole batch), and only then
/// completes each caller (invariant 3: acknowledged means durable). A batch made only of units whose callers can wait
/// (<see cref="CommitTiming.Gathered"/>) first waits up to <see cref="GatherWindow"/> for more units, so a stream of
/// small writes shares fewer commits; any other unit ends the wait at once.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private const int MaxBatch = 512;

    /// <summary>
    /// How long a batch of gathered units waits for more. One commit (a WAL write and fsync, the writer's wake-ups)
    /// cost the server about as much CPU as its MQTT messages' own SQL: a persistent MQTT subscriber's stream at
    /// 14,000 messages a second made some 1,500 commits a second of 9 messages each. A millisecond is short beside
    /// an MQTT round trip under that load, and long enough to take two or three times as many messages per commit
    /// (docs/performance.md "Gathered commits").
    /// </summary>
    public TimeSpan GatherWindow { get; set; } = TimeSpan.FromMilliseconds(1);

    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly CommandCache _commands;
    private readonly WriteTransaction _transaction;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GroupCommitMetrics _metrics;
    private readonly Action _committed;
    private readonly WriterCacheSize _cacheSize;

    // Set by each prompt unit's arrival: it ends a gathered batch's wait.
    private readonly ManualResetEventSlim _promptArrived = new(false, spinCount: 0);
    private long _writes;
    private long _commits;

    /// <param name="committed">Told after each commit, on the writer's thread (the background checkpointer).</param>
    public GroupCommitWriter(SqliteConnection connection, Nuage.Telemetry.NuageMetrics metrics, Action committed)
    {
        _connection = connection;
        _committed = committed;
        _metrics = new GroupCommitMetrics(metrics, () => _queue.Reader.Count);
        _commands = new CommandCache(connection);
        _transaction = new WriteTransaction(_commands);
        _cacheSize = new WriterCacheSize(_commands);
        _cacheSize.Apply();
        _thread = new Thread(Run) { IsBackground = true, Name = "nuage-metadata-writer" };
        _thread.Start();
    }

    public MetadataStatistics Statistics => new(Interlocked.Read(ref _writes), Interlocked.Read(ref _commits));

    public Task<T> Enqueue<T>(Func<IMetadataTransaction, T> work, CommitTiming timing, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(work, cancellationToken) { Gathered = timing == CommitTiming.Gathered };
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The metadata store is shutting down.");
        }

        if (!pending.Gathered)
        {
            try
            {
                _promptArrived.Set();
            }
            catch (ObjectDisposedException)
            {
                // The writer stopped after taking this unit: it ran or failed already; there is no wait to end.
            }
        }

        return pending.Task;
    }

    /// <summary>Stops taking work, lets the loop drain everything already queued, and waits for it.</summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return _stopped.Task;
    }

    public void Dispose()
    {
        _promptArrived.Dispose();
        _commands.Dispose();
        _connection.Dispose();
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (true)
            {
                if (!reader.TryRead(out var first))
                {
                    // A dedicated thread: blocking here costs no pool thread.
                    if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                    {
                        break;
                    }

                    continue;
                }

                batch.Add(first);
                TakeWaiting(reader, batch);
                if (AllGathered(batch))
                {
                    // Reset before looking again: a prompt unit that came before the reset is read now, and one that
                    // comes after it sets the event and ends the wait.
                    _promptArrived.Reset();
                    TakeWaiting(reader, batch);
                    if (AllGathered(batch) && batch.Count < MaxBatch)
                    {
                        _promptArrived.Wait(GatherWindow);
                        TakeWaiting(reader, batch);
                    }
                }

                RunBatch(batch);
                batch.Clear();
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private static void TakeWaiting(ChannelReader<PendingWrite> reader, List<PendingWrite> batch)
    {
        while (batch.Count < MaxBatch && reader.TryRead(out var next))
        {
            batch.Add(next);
        }
    }

    private static bool AllGathered(List<PendingWrite> batch)
    {
        foreach (var pending in batch)
        {
            if (!pending.Gathered)
            {
                return false;
            }
        }

        return true;
    }

    private void RunBatch(List<PendingWrite> batch)
    {
        try
        {
            _commands.Execute(Sql.Begin);
        }
        catch (Exception ex)
        {
            FailAll(batch, ex);
            return;
        }

        _transaction.Now = DateTimeOffset.UtcNow;
        bool single = batch.Count == 1;
        int succeeded = 0;
        foreach (var pending in batch)
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Failure = new OperationCanceledException(pending.CancellationToken);
                continue;
            }

            try
            {
                if (!single)
                {
                    _commands.Execute(Sql.Savepoint);
                }

                pending.Execute(_transaction);
                if (!single)
                {
                    _commands.Execute(Sql.Release);
                }

                succeeded++;
            }
            catch (Exception ex)
            {
                pending.Failure = ex;
                if (!single && !TryRollBackUnit())
                {
                    // The transaction itself is broken: nothing of this batch can be trusted.
                    TryExecute(Sql.Rollback);
                    FailAll(batch, ex);
                    return;
                }
            }
        }

        Interlocked.Add(ref _writes, succeeded);
        try
        {
            if (single && batch[0].Failure is not null)
            {
                _commands.Execute(Sql.Rollback);
            }
            else
            {
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                _commands.Execute(Sql.Commit);
                _metrics.CommitDuration.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                _metrics.BatchSize.Observe(succeeded);
                _metrics.Commits.Inc();
                Interlocked.Increment(ref _commits);
                _committed();
            }
        }
        catch (Exception ex)
        {
            TryExecute(Sql.Rollback);
            foreach (var pending in batch)
            {
                pending.Failure ??= ex;
            }
        }

        foreach (var pending in batch)
        {
            if (pending.Failure is not null)
            {
                _metrics.FailedWrites.Inc();
            }

            pending.Finish();
        }

        // After the callers are answered, and outside the commit's try: a failure to size the cache leaves the
        // previous size and is tried again later; it never turns a durable commit into a reported failure.
        try
        {
            _cacheSize.Committed();
        }
        catch (SqliteException)
        {
        }
    }

    private bool TryRollBackUnit()
    {
        try
        {
            _commands.Execute(Sql.RollbackToSavepoint);
            _commands.Execute(Sql.Release);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private void TryExecute(string sql)
    {
        try
        {
            _commands.Execute(sql);
        }
        catch (SqliteException)
        {
            // Already rolled back by SQLite (e.g. after SQLITE_FULL): nothing left to undo.
        }
    }

    private void FailAll(List<PendingWrite> batch, Exception ex)
    {
        _metrics.FailedWrites.Inc(batch.Count);
        foreach (var pending in batch)
        {
            pending.Failure = ex;
            pending.Finish();
        }
    }
}
