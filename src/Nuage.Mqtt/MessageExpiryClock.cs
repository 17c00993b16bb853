using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MQTTnet;

namespace Nuage.Mqtt;

/// <summary>
/// MQTT 5's Message Expiry Interval as a subscriber sees it (§3.3.2.3.3), which MQTTnet 5 forwards unchanged: a
/// message whose interval ran out while it waited in a session's queue must not be sent [MQTT-3.3.2-5], and one that is
/// sent carries what is left of its interval [MQTT-3.3.2-6]. MQTTnet copies a message into one PUBLISH per subscriber
/// but every copy shares the payload's array (its decoder gives each received payload an array of its own), so the
/// moment a message expires is remembered against that array, for as long as the array lives.
/// </summary>
/// <remarks>A message with an empty payload has no array of its own; it is sent with its interval as received.</remarks>
public sealed class MessageExpiryClock(TimeProvider time)
{
    private readonly ConditionalWeakTable<byte[], Box> _expiresAt = [];

    /// <summary>Starts the clock of a message entering the broker now (a PUBLISH, a will, a restored message).</summary>
    public void Start(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.MessageExpiryInterval > 0)
        {
            Start(message.Payload, time.GetUtcNow().AddSeconds(message.MessageExpiryInterval));
        }
    }

    /// <summary>Remembers when the message with this payload expires.</summary>
    public void Start(ReadOnlySequence<byte> payload, DateTimeOffset expiresAt)
    {
        if (ArrayOf(payload) is { } array)
        {
            _expiresAt.AddOrUpdate(array, new Box(expiresAt));
        }
    }

    /// <summary>
    /// The interval left for a message with this payload: null when its clock is unknown (send it as it is), 0 when it
    /// has expired (do not send it), else the whole seconds left, at least 1.
    /// </summary>
    public uint? Remaining(ReadOnlySequence<byte> payload)
    {
        if (ArrayOf(payload) is not { } array || !_expiresAt.TryGetValue(array, out var box))
        {
            return null;
        }

        var left = box.ExpiresAt - time.GetUtcNow();
        return left <= TimeSpan.Zero ? 0 : (uint)Math.Max(1, Math.Ceiling(left.TotalSeconds));
    }

    private static byte[]? ArrayOf(ReadOnlySequence<byte> payload) =>
        !payload.IsEmpty && MemoryMarshal.TryGetArray(payload.First, out var segment) ? segment.Array : null;

    private sealed record Box(DateTimeOffset ExpiresAt);
}
