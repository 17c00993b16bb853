namespace Nuage.Storage.Replication;

/// <summary>
/// Wakes the replication worker when versions were added to the outbox, so a push does not wait for its next poll.
/// Raised inside the writing transaction, before it commits: the worker looks again shortly after it wakes.
/// </summary>
public sealed class ReplicationSignal
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        if (_raised.CurrentCount == 0)
        {
            try
            {
                _raised.Release();
            }
            catch (SemaphoreFullException)
            {
                // Raised twice at once: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _raised.WaitAsync(timeout, cancellationToken);
}
