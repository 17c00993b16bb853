namespace Nuage.Blobs;

/// <summary>
/// Coalesces directory fsyncs: writers that renamed into the same fan-out directory while a round was running share
/// the next round's single fsync of it ("blob fsyncs of a batch are issued together", DESIGN.md "Performance
/// design"). A request joins a round only after its rename, so the round's fsync always follows that rename.
/// </summary>
internal sealed class DirectorySyncer(BlobMetrics metrics)
{
    private readonly Lock _lock = new();
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private TaskCompletionSource _round = NewRound();
    private bool _running;

    public Task SyncAsync(string directory)
    {
        Task task;
        bool start = false;
        lock (_lock)
        {
            _pending.Add(directory);
            task = _round.Task;
            if (!_running)
            {
                _running = true;
                start = true;
            }
        }

        if (start)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.RunRounds(), this, preferLocal: false);
        }

        return task;
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void RunRounds()
    {
        while (true)
        {
            HashSet<string> directories;
            TaskCompletionSource round;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    return;
                }

                directories = _pending;
                round = _round;
                _pending = new HashSet<string>(StringComparer.Ordinal);
                _round = NewRound();
            }

            try
            {
                foreach (string directory in directories)
                {
                    long started = System.Diagnostics.Stopwatch.GetTimestamp();
                    DirectoryFsync.Sync(directory);
                    metrics.DirectoryFsync.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                }

                round.SetResult();
            }
            catch (Exception ex)
            {
                round.SetException(ex);
            }
        }
    }
}
