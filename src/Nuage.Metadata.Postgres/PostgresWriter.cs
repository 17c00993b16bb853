namespace Nuage.Metadata.Postgres;

using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// Group commit on PostgreSQL (DESIGN.md "Performance design"), as the SQLite engine does it: one thread owns one
/// write connection, takes every unit of work waiting, runs them in one SERIALIZABLE transaction, commits once and
/// only then completes each caller (invariant 3). Units first run without savepoints: each SAVEPOINT and RELEASE is
/// a round trip to the server, two more per unit than a 4 KiB PUT's own statements. When a unit fails, the batch is
/// rolled back and run again with a SAVEPOINT per unit, so the failing unit is undone alone. One
/// writer per node keeps a node's own writes from conflicting on hot rows (bucket_usage); writers of other nodes
/// sharing the database can still conflict, and the database then reports a serialization failure: the whole batch
/// is rolled back and its delegates run again (<see cref="WriteReplay.OnSerializationFailure"/>), a bounded number
/// of times, before the callers get <see cref="MetadataConflictException"/>.
/// <para>
/// A connection lost during COMMIT leaves the outcome unknown. Each transaction writes a marker row with a random
/// id; the writer reconnects and looks it up before it answers anyone, so a caller never reclaims a blob that a
/// committed row references (docs/metadata-engines.md "A lost COMMIT").
/// </para>
/// </summary>
internal sealed class PostgresWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const int MaxAttempts = 5;
    private static readonly TimeSpan MarkerLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan MarkerSweepInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _dataSource;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private NpgsqlConnection? _connection;
    private long _writes;
    private long _commits;
    private long _replays;
    private DateTimeOffset _nextMarkerSweep = DateTimeOffset.MinValue;

    // Batches whose COMMIT went unanswered, being resolved off the writer's thread.
    private readonly List<Task> _resolvers = [];

    // What TryBatch leaves for RunBatch when it returns InDoubt (the writer's thread only).
    private Guid _inDoubtMarker;
    private int _inDoubtSucceeded;
    private Exception? _inDoubtError;

    public PostgresWriter(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _thread = new Thread(Run) { IsBackground = true, Name = "nuage-metadata-writer" };
        _thread.Start();
    }

    public MetadataStatistics Statistics => new(Interlocked.Read(ref _writes), Interlocked.Read(ref _commits));

    /// <summary>How many times a batch was run again after a serialization failure.</summary>
    public long Replays => Interlocked.Read(ref _replays);

    /// <summary>
    /// How long a caller whose COMMIT went unanswered waits for the database to say whether it committed before it is
    /// answered "outcome unknown" (503). A restart is usually resolved within it, so its callers get the truth; a
    /// longer outage or a failover gets 503 well inside an SDK's request timeout (the AWS SDK for .NET's is 100 s).
    /// </summary>
    public TimeSpan InDoubtAnswerBound { get; set; } = TimeSpan.FromSeconds(10);

    public Task<T> Enqueue<T>(Func<IMetadataTransaction, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgresWriter), "The metadata store is shutting down.");
        }

        return pending.Task;
    }

    /// <summary>Stops taking work, lets the loop drain what is queued, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] resolvers;
        lock (_resolvers)
        {
            resolvers = [.. _resolvers];
        }

        await Task.WhenAll(resolvers).ConfigureAwait(false);
        _stopping.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
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
                while (batch.Count < MaxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                if (RunBatch(batch) is { } marker)
                {
                    // In doubt: answered by the resolver once the database says; the writer goes on meanwhile.
                    ResolveInDoubt([.. batch], marker);
                }
                else
                {
                    foreach (var pending in batch)
                    {
                        pending.Finish();
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>Runs the batch to its end; returns the commit marker when the COMMIT's outcome is unknown.</summary>
    private Guid? RunBatch(List<PendingWrite> batch)
    {
        for (int attempt = 1; ; attempt++)
        {
            foreach (var pending in batch)
            {
                pending.Failure = null;
            }

            var outcome = TryBatch(batch, savepoints: false);
            if (outcome == Outcome.UnitFailed)
            {
                foreach (var pending in batch)
                {
                    pending.Failure = null;
                }

                outcome = TryBatch(batch, savepoints: true);
            }

            if (outcome == Outcome.InDoubt)
            {
                return _inDoubtMarker;
            }

            if (outcome != Outcome.SerializationFailure)
            {
                return null;
            }

            if (attempt == MaxAttempts)
            {
                foreach (var pending in batch)
                {
                    pending.Failure = new MetadataConflictException(
                        $"The metadata write conflicted with concurrent writes {attempt} times and was not committed.") { Attempts = attempt };
                }

                return null;
            }

            Interlocked.Increment(ref _replays);

            // A short random pause lets the other writer finish before this one runs again.
            Thread.Sleep(Random.Shared.Next(1, 5 * attempt));
        }
    }

    private enum Outcome
    {
        Done,
        SerializationFailure,

        /// <summary>A unit failed in a batch run without savepoints: everything was rolled back.</summary>
        UnitFailed,

        /// <summary>The connection was lost during COMMIT: committed or not, only the marker can tell.</summary>
        InDoubt,
    }

    /// <param name="savepoints">A SAVEPOINT per unit, so a failing one is undone alone; without, a failure in a batch
    /// of several rolls the whole batch back (<see cref="Outcome.UnitFailed"/>).</param>
    private Outcome TryBatch(List<PendingWrite> batch, bool savepoints)
    {
        NpgsqlConnection connection;
        PostgresTransaction transaction;
        bool single = batch.Count == 1;
        bool isolate = savepoints && !single;
        try
        {
            connection = Connection();

            // Without savepoints, statements whose answers are not read travel with the next one that is, BEGIN with
            // the first (PostgresTransaction): a 4 KiB PUT is then two round trips, not seven.
            transaction = new PostgresTransaction(connection, DateTimeOffset.UtcNow, sendsEachWrite: isolate);
            transaction.Write("BEGIN ISOLATION LEVEL SERIALIZABLE");
        }
        catch (Exception ex) when (PostgresErrors.IsUnavailable(ex))
        {
            DropConnection();
            FailAll(batch, PostgresErrors.Unavailable(ex));
            return Outcome.Done;
        }

        int succeeded = 0;
        try
        {
            foreach (var pending in batch)
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Failure = new OperationCanceledException(pending.CancellationToken);
                    continue;
                }

                if (isolate)
                {
                    Execute(connection, "SAVEPOINT unit");
                }

                try
                {
                    pending.Execute(transaction);
                    if (isolate)
                    {
                        Execute(connection, "RELEASE SAVEPOINT unit");
                    }

                    succeeded++;
                }
                catch (Exception ex) when (!PostgresErrors.IsSerializationFailure(ex) && !PostgresErrors.IsUnavailable(ex))
                {
                    // The unit's own failure (a failed write condition, a rule of the service): undo it alone.
                    pending.Failure = ex;
                    if (isolate)
                    {
                        Execute(connection, "ROLLBACK TO SAVEPOINT unit");
                        Execute(connection, "RELEASE SAVEPOINT unit");
                        transaction.ForgetReads();
                    }
                    else if (!single)
                    {
                        // It may be another unit's held statement that failed here: the run with savepoints tells.
                        transaction.DropHeld();
                        Execute(connection, "ROLLBACK");
                        return Outcome.UnitFailed;
                    }
                }
            }

            if (single && batch[0].Failure is not null)
            {
                // Nothing may have reached the server yet (BEGIN held too): ROLLBACK outside a transaction only warns.
                transaction.DropHeld();
                Execute(connection, "ROLLBACK");
                return Outcome.Done;
            }

            // The marker and the COMMIT go with the statements still held: one round trip.
            var marker = Guid.NewGuid();
            transaction.Write("INSERT INTO write_markers (id, written_at) VALUES ($1, $2)", marker, UtcTicks.From(transaction.Now));
            SweepMarkers(transaction);
            try
            {
                transaction.Execute("COMMIT");
            }
            catch (PostgresException ex) when (!single && !isolate && !PostgresErrors.IsSerializationFailure(ex) && !PostgresErrors.IsUnavailable(ex))
            {
                // A held statement of some unit failed with the COMMIT: find which with a savepoint per unit.
                TryRollback();
                foreach (var pending in batch)
                {
                    pending.Failure = null;
                }

                return Outcome.UnitFailed;
            }
            catch (PostgresException ex) when (single && !PostgresErrors.IsSerializationFailure(ex) && !PostgresErrors.IsUnavailable(ex))
            {
                // The one unit's held statement failed: its own failure, nothing kept.
                TryRollback();
                batch[0].Failure = ex;
                return Outcome.Done;
            }
            catch (Exception ex) when (PostgresErrors.IsUnavailable(ex))
            {
                DropConnection();
                _inDoubtMarker = marker;
                _inDoubtSucceeded = succeeded;
                _inDoubtError = PostgresErrors.Unavailable(ex);
                return Outcome.InDoubt;
            }

            Interlocked.Add(ref _writes, succeeded);
            Interlocked.Increment(ref _commits);
            return Outcome.Done;
        }
        catch (Exception ex) when (PostgresErrors.IsSerializationFailure(ex))
        {
            TryRollback();
            return Outcome.SerializationFailure;
        }
        catch (Exception ex) when (PostgresErrors.IsUnavailable(ex))
        {
            DropConnection();
            FailAll(batch, PostgresErrors.Unavailable(ex));
            return Outcome.Done;
        }
        catch (Exception ex)
        {
            // The transaction itself broke (a savepoint could not be rolled back): nothing of this batch is kept.
            TryRollback();
            FailAll(batch, ex);
            return Outcome.Done;
        }
    }

    /// <summary>
    /// After a COMMIT whose answer was lost: asks the database, on a connection of its own and as often as it takes
    /// (until the store stops), whether the transaction's marker row exists, and answers the batch's callers with what
    /// it says. Off the writer's thread, so writes that come meanwhile fail at once as unavailable (503) instead of
    /// queueing behind an outage. Callers still waiting after <see cref="InDoubtAnswerBound"/> are answered
    /// <see cref="MetadataOutcomeUnknownException"/> (issue 18: requests in flight fail with 503), whose task carries
    /// the answer when it comes: a caller then deletes the blobs the write referenced only if it was not committed.
    /// </summary>
    private void ResolveInDoubt(List<PendingWrite> batch, Guid marker)
    {
        int succeeded = _inDoubtSucceeded;
        var error = _inDoubtError!;
        var bound = InDoubtAnswerBound;
        var resolving = Task.Run(async () =>
        {
            var asking = WasCommittedAsync(marker);
            TaskCompletionSource<bool>? answeredEarly = null;
            if (await Task.WhenAny(asking, Task.Delay(bound, CancellationToken.None)).ConfigureAwait(false) != asking)
            {
                answeredEarly = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                FailUnknown(batch, error, answeredEarly.Task);
                foreach (var pending in batch)
                {
                    pending.Finish();
                }
            }

            bool? committed = await asking.ConfigureAwait(false);
            if (committed == true)
            {
                Interlocked.Add(ref _writes, succeeded);
                Interlocked.Increment(ref _commits);
            }

            if (answeredEarly is not null)
            {
                if (committed is { } known)
                {
                    answeredEarly.TrySetResult(known);
                }
                else
                {
                    answeredEarly.TrySetCanceled();
                }

                return;
            }

            if (committed == false)
            {
                FailAll(batch, error);
            }
            else if (committed is null)
            {
                FailUnknown(batch, error, committed: null);
            }

            foreach (var pending in batch)
            {
                pending.Finish();
            }
        });
        lock (_resolvers)
        {
            _resolvers.RemoveAll(t => t.IsCompleted);
            _resolvers.Add(resolving);
        }
    }

    /// <summary>
    /// Every unit that did its work gets "outcome unknown"; a unit that failed on its own keeps its failure. With no
    /// <paramref name="committed"/> task the outcome will never be known (the exception's own default).
    /// </summary>
    private static void FailUnknown(List<PendingWrite> batch, Exception error, Task<bool>? committed)
    {
        const string Message = "The metadata database did not answer a commit in time; the write may or may not have been committed: ";
        foreach (var pending in batch.Where(p => p.Failure is null))
        {
            pending.Failure = committed is null
                ? new MetadataOutcomeUnknownException(Message + error.Message, error)
                : new MetadataOutcomeUnknownException(Message + error.Message, error, committed);
        }
    }

    /// <summary>Whether the marker row exists; null when the store stopped before the database could tell.</summary>
    private async Task<bool?> WasCommittedAsync(Guid marker)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(_stopping.Token).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM write_markers WHERE id = $1)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = marker });
                return (bool)(await command.ExecuteScalarAsync(_stopping.Token).ConfigureAwait(false))!;
            }
            catch (Exception ex) when (PostgresErrors.IsUnavailable(ex) || ex is OperationCanceledException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    // Shutting down with the outcome unknown: the callers must not reclaim anything the write may
                    // reference; the startup sweep reconciles blobs and rows.
                    return null;
                }

                try
                {
                    await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private void SweepMarkers(PostgresTransaction transaction)
    {
        if (transaction.Now < _nextMarkerSweep)
        {
            return;
        }

        _nextMarkerSweep = transaction.Now + MarkerSweepInterval;
        transaction.Write("DELETE FROM write_markers WHERE written_at < $1", UtcTicks.From(transaction.Now - MarkerLifetime));
    }

    private NpgsqlConnection Connection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        DropConnection();
        _connection = _dataSource.OpenConnection();
        return _connection;
    }

    private void DropConnection()
    {
        var connection = _connection;
        _connection = null;

        // The pool's idle connections most likely went the same way (see PostgresMetadataStore.ReadAsync).
        _dataSource.Clear();
        try
        {
            connection?.Dispose();
        }
        catch (Exception ex) when (PostgresErrors.IsUnavailable(ex))
        {
            // The connection is already broken: nothing to close cleanly.
        }
    }

    private void TryRollback()
    {
        try
        {
            if (_connection is not null)
            {
                Execute(_connection, "ROLLBACK");
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            DropConnection();
        }
    }

    private static void FailAll(List<PendingWrite> batch, Exception ex)
    {
        foreach (var pending in batch)
        {
            pending.Failure = ex;
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
