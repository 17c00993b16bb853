namespace Nuage.Storage.Notifications;

/// <summary>
/// Wakes <see cref="EventDispatcher"/> when events were written, so a delivery does not wait for its next poll. Raised
/// inside the writing transaction, before it commits: the dispatcher looks again shortly after it wakes.
/// </summary>
public sealed class EventDispatcherSignal
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
