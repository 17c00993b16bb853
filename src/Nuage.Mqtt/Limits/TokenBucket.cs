namespace Nuage.Mqtt.Limits;

/// <summary>
/// A token bucket: holds up to <c>burst</c> tokens, refills <c>perSecond</c> tokens a second, and each admitted event
/// takes one. Thread-safe; time comes from the caller so the limiter keeps one clock.
/// </summary>
internal sealed class TokenBucket(double perSecond, double burst, long now)
{
    private readonly double _burst = burst;
    private double _tokens = burst;
    private long _updated = now;

    /// <summary>Takes a token if one is there.</summary>
    public bool TryTake(long now, long ticksPerSecond)
    {
        lock (this)
        {
            Refill(now, ticksPerSecond);
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    /// <summary>Whether the bucket has refilled completely, so forgetting it changes nothing.</summary>
    public bool IsFull(long now, long ticksPerSecond)
    {
        lock (this)
        {
            Refill(now, ticksPerSecond);
            return _tokens >= _burst;
        }
    }

    private void Refill(long now, long ticksPerSecond)
    {
        var elapsedSeconds = (double)(now - _updated) / ticksPerSecond;
        if (elapsedSeconds > 0)
        {
            _tokens = Math.Min(_burst, _tokens + (elapsedSeconds * perSecond));
            _updated = now;
        }
    }
}
