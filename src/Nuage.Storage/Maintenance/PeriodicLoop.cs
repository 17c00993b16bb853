namespace Nuage.Storage.Maintenance;

/// <summary>
/// A background pass run again and again with a pause between passes, started once and stopped by cancelling it:
/// what the garbage collector and the lifecycle worker share. The pass handles (and reports) its own failures; a
/// failed pass is simply retried after the pause.
/// </summary>
internal sealed class PeriodicLoop(Func<CancellationToken, Task> pass, Func<TimeSpan> interval) : IAsyncDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_loop is null)
        {
            return;
        }

        await _stop!.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out of the loop.
        }

        _stop.Dispose();
        _loop = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // The first pass runs off the caller's thread: Start returns at once.
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            await pass(cancellationToken).ConfigureAwait(false);
            await Task.Delay(interval(), cancellationToken).ConfigureAwait(false);
        }
    }
}
