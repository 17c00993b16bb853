using System.Collections.Concurrent;
using System.Net;

namespace Nuage.Mqtt.Limits;

/// <summary>
/// Connection rate limits, one token bucket per source address and one per client id (docs/iot.md "Limits"). A
/// CONNECT over either rate is refused with CONNACK 0x9F Connection rate exceeded (MQTT 5 §3.2.2.2; MQTT 3.1.1
/// clients get 0x03 Server unavailable, the nearest code 3.1.1 has). Checked before the credentials, so a connect
/// flood costs no key lookup.
/// </summary>
public sealed class ConnectionRateLimiter(MqttLimits limits, TimeProvider time)
{
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<IPAddress, TokenBucket> _byAddress = new();
    private readonly ConcurrentDictionary<string, TokenBucket> _byClientId = new(StringComparer.Ordinal);
    private int _checks;

    /// <summary>Whether a CONNECT from <paramref name="address"/> with <paramref name="clientId"/> may proceed now.</summary>
    public bool TryAdmit(IPAddress? address, string? clientId)
    {
        var now = time.GetTimestamp();
        var frequency = time.TimestampFrequency;
        if (Interlocked.Increment(ref _checks) % SweepEvery == 0)
        {
            Sweep(now, frequency);
        }

        if (address is not null)
        {
            var perSecond = limits.ConnectsPerSecondPerAddress;
            var bucket = _byAddress.GetOrAdd(address, static (_, state) => new TokenBucket(state.perSecond, state.perSecond * 2, state.now), (perSecond, now));
            if (!bucket.TryTake(now, frequency))
            {
                return false;
            }
        }

        if (!string.IsNullOrEmpty(clientId))
        {
            var bucket = _byClientId.GetOrAdd(
                clientId, static (_, state) => new TokenBucket(state.perSecond, state.burst, state.now),
                (perSecond: limits.ConnectsPerSecondPerClientId, burst: (double)limits.ConnectBurstPerClientId, now));
            if (!bucket.TryTake(now, frequency))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Forgets full buckets, so the maps hold only clients and addresses that connected recently.</summary>
    private void Sweep(long now, long frequency)
    {
        foreach (var entry in _byAddress)
        {
            if (entry.Value.IsFull(now, frequency))
            {
                _byAddress.TryRemove(entry);
            }
        }

        foreach (var entry in _byClientId)
        {
            if (entry.Value.IsFull(now, frequency))
            {
                _byClientId.TryRemove(entry);
            }
        }
    }
}
