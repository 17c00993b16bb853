namespace Nuage.Metadata.Postgres;

using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using Nuage.Metadata.Core;
using Q = Nuage.Metadata.Postgres.PostgresObjectSql;

/// <summary>
/// Coalesces concurrent lookups of keys' latest versions (GetObject and HeadObject without a versionId, the hottest
/// read of an object store) into one statement. On a small machine a GET on PostgreSQL is bound by CPU, and most of
/// it is spent per statement, not per row: the backend's protocol handling and executor start-up, Npgsql's command,
/// and the two wake-ups of a round trip. One statement over an array of keys does those once for a whole batch, and
/// its per-row cost is one index probe (docs/metadata-engines.md, "Reads").
/// <para>
/// No lookup waits for a batch to fill: a lookup that finds a free slot starts a statement at once (a lone lookup
/// runs the single-key statement, as before); lookups that arrive while every slot is busy queue, and the next
/// statement takes all of them. So batches grow only under load, and latency at low load is unchanged.
/// </para>
/// <para>
/// Consistency: a lookup is answered by a statement sent after the lookup was queued, so it sees every write
/// acknowledged before the request arrived (S3's strong read-after-write consistency, which a cache would break
/// when several nodes share the database).
/// </para>
/// </summary>
internal sealed class PostgresLatestLookups
{
    /// <summary>The most keys one statement carries: large enough for every request of a busy node, small enough that one slow batch does not hold many callers.</summary>
    internal const int MaxBatch = 64;

    private readonly Func<Func<NpgsqlConnection, CancellationToken, Task<bool>>, ValueTask<bool>> _read;
    private readonly ConcurrentQueue<Lookup> _withData = new();
    private readonly ConcurrentQueue<Lookup> _head = new();
    private readonly int _slots;
    private int _busySlots;
    private long _statements;

    /// <param name="read">Runs a read on a pooled connection and turns a lost database into MetadataUnavailableException (the store's ReadAsync).</param>
    /// <param name="slots">How many statements may be in flight at once: one per core keeps every core of the database busy without splitting batches needlessly.</param>
    public PostgresLatestLookups(Func<Func<NpgsqlConnection, CancellationToken, Task<bool>>, ValueTask<bool>> read, int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _read = read;
        _slots = slots;
    }

    /// <summary>Statements sent so far (tests check that concurrent lookups share them).</summary>
    public long Statements => Interlocked.Read(ref _statements);

    public Task<ObjectRow?> GetAsync(string bucket, byte[] key, bool withData, CancellationToken cancellationToken)
    {
        var lookup = new Lookup(bucket, key);
        (withData ? _withData : _head).Enqueue(lookup);
        if (TryTakeSlot())
        {
            _ = DrainAsync();
        }

        return lookup.Completion.Task.WaitAsync(cancellationToken);
    }

    private bool TryTakeSlot()
    {
        while (true)
        {
            int busy = Volatile.Read(ref _busySlots);
            if (busy >= _slots)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _busySlots, busy + 1, busy) == busy)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Sends statements while lookups wait, then gives the slot back. A lookup queued after the last look at the
    /// queues but before the slot was given back found no free slot: the second look after giving it back sees it.
    /// </summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            bool withData = !_withData.IsEmpty;
            var batch = Take(withData ? _withData : _head);
            if (batch.Count == 0)
            {
                Interlocked.Decrement(ref _busySlots);
                if ((_withData.IsEmpty && _head.IsEmpty) || !TryTakeSlot())
                {
                    return;
                }

                continue;
            }

            await RunAsync(batch, withData).ConfigureAwait(false);
        }
    }

    private static List<Lookup> Take(ConcurrentQueue<Lookup> queue)
    {
        var batch = new List<Lookup>();
        while (batch.Count < MaxBatch && queue.TryDequeue(out var lookup))
        {
            batch.Add(lookup);
        }

        return batch;
    }

    private async Task RunAsync(List<Lookup> batch, bool withData)
    {
        Interlocked.Increment(ref _statements);
        try
        {
            await _read(
                async (connection, token) =>
                {
                    await using var command = batch.Count == 1 ? Single(connection, batch[0], withData) : Batched(connection, batch, withData);
                    await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                    var found = new ObjectRow?[batch.Count];
                    int ordinalColumn = withData ? 26 : 25;
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        int index = batch.Count == 1 ? 0 : (int)reader.GetInt64(ordinalColumn) - 1;
                        found[index] = PostgresObjectRows.Object(reader, withData);
                    }

                    for (int i = 0; i < batch.Count; i++)
                    {
                        batch[i].Completion.TrySetResult(found[i]);
                    }

                    return true;
                }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var lookup in batch)
            {
                lookup.Completion.TrySetException(ex);
            }
        }
    }

    private static NpgsqlCommand Single(NpgsqlConnection connection, Lookup lookup, bool withData) =>
        PostgresCommands.Create(connection, withData ? Q.SelectLatestWithData : Q.SelectLatestHead, [lookup.Bucket, lookup.Key]);

    private static NpgsqlCommand Batched(NpgsqlConnection connection, List<Lookup> batch, bool withData)
    {
        var buckets = new string[batch.Count];
        var keys = new byte[batch.Count][];
        for (int i = 0; i < batch.Count; i++)
        {
            buckets[i] = batch[i].Bucket;
            keys[i] = batch[i].Key;
        }

        var command = new NpgsqlCommand(withData ? Q.SelectLatestManyWithData : Q.SelectLatestManyHead, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = buckets, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }

    private sealed class Lookup(string bucket, byte[] key)
    {
        public string Bucket { get; } = bucket;

        public byte[] Key { get; } = key;

        /// <summary>Completed off the statement's thread, so a caller's continuation never runs inside the drain loop.</summary>
        public TaskCompletionSource<ObjectRow?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
