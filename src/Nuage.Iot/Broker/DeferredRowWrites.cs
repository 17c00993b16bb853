using System.Diagnostics;
using Nuage.Metadata;

namespace Nuage.Iot.Broker;

/// <summary>
/// Rows of QoS 1 messages handed to a connected client of a persistent session, written only if the client has not
/// acknowledged the message within <see cref="Delay"/> (docs/iot.md "Persistence"). The publisher's PUBACK waits for
/// whichever comes first: the client's acknowledgement (the message is delivered, and the broker owes nothing more for
/// it, MQTT 5 §4.3.2), or the commit of its row. So an acknowledged PUBLISH is either delivered or durable, as
/// before; what changes is that a subscriber keeping up costs no insert and no delete per message. Measured
/// (docs/performance.md "Deferred rows"): with rows written at once, five in six were inserted only to be deleted a few
/// milliseconds later, and the writer's statements and commits were a quarter of the broker's CPU.
/// </summary>
/// <remarks>
/// One flush at a time takes every row due by the next half delay, so a stream of messages costs one commit per half
/// delay; the changes waiting for a commit (acknowledged rows' deletes) ride along. Only QoS 1: a QoS 2 message's
/// row is marked sent and released by later writes that must find it written.
/// </remarks>
internal sealed class DeferredRowWrites(
    IMetadataStore store, Func<List<PendingRowChange>?> takePending, Action<IMetadataTransaction, List<PendingRowChange>?> applyPending)
{
    private readonly Lock _gate = new();
    private readonly Queue<Entry> _entries = new();
    private Task? _flushing;
    private bool _draining;

    // Released by a drain: the flusher stops waiting out the delay of the oldest row.
    private readonly SemaphoreSlim _drainRequested = new(0);

    /// <summary>
    /// How long a row waits for its client's acknowledgement. Under a stream of 256-byte messages to one subscriber,
    /// the acknowledgement came 3 to 10 ms after the PUBLISH on the 2-core machine the benchmarks run on; a connected
    /// client that does not acknowledge holds its publisher's PUBACK this long plus one commit.
    /// </summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Queues the row's write; completes when the message needs nothing more (<see cref="QueuedRowWrite.Settled"/>).</summary>
    public Task Add(MqttQueuedRow row, int limit, QueuedRowWrite write)
    {
        lock (_gate)
        {
            _entries.Enqueue(new Entry(Stopwatch.GetTimestamp() + (long)(Delay.TotalSeconds * Stopwatch.Frequency), row, limit, write));
            _flushing ??= Task.Run(FlushAsync);
        }

        return write.Settled;
    }

    /// <summary>Writes every row waiting now, without its delay, and completes once they are durable (a graceful stop, and tests).</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task? flushing;
            lock (_gate)
            {
                _draining = true;
                flushing = _flushing;
            }

            if (flushing is null)
            {
                return;
            }

            _drainRequested.Release();
            await flushing.ConfigureAwait(false);
        }
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            long due;
            bool draining;
            lock (_gate)
            {
                if (_entries.Count == 0)
                {
                    _flushing = null;
                    _draining = false;
                    return;
                }

                due = _entries.Peek().Due;
                draining = _draining;
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (!draining && wait > TimeSpan.Zero)
            {
                // A drain that comes meanwhile ends the wait (a release left from an earlier drain only writes early).
                await _drainRequested.WaitAsync(wait).ConfigureAwait(false);
            }

            await WriteAsync(Take()).ConfigureAwait(false);
        }
    }

    /// <summary>Every row due within the next half delay (all of them when draining), in order.</summary>
    private List<Entry> Take()
    {
        var horizon = Stopwatch.GetTimestamp() + (long)(Delay.TotalSeconds * Stopwatch.Frequency / 2);
        var taken = new List<Entry>();
        lock (_gate)
        {
            while (_entries.TryPeek(out var next) && (_draining || next.Due <= horizon))
            {
                taken.Add(_entries.Dequeue());
            }
        }

        return taken;
    }

    private async Task WriteAsync(List<Entry> taken)
    {
        var pending = takePending();
        try
        {
            await store.WriteAsync(
                transaction =>
                {
                    foreach (var entry in taken)
                    {
                        QueuedMessageStore.WriteRow(transaction, entry.Row, entry.Limit, entry.Write);
                    }

                    applyPending(transaction, pending);
                    return true;
                },
                CommitTiming.Prompt,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Not stored: each publisher's PUBACK is withheld (the broker logs it), so the publisher sends the message
            // again; a row withdrawn meanwhile has settled already.
            foreach (var entry in taken)
            {
                entry.Write.Failed(exception);
            }

            return;
        }

        foreach (var entry in taken)
        {
            entry.Write.Committed();
        }
    }

    private readonly record struct Entry(long Due, MqttQueuedRow Row, int Limit, QueuedRowWrite Write);
}
