using MQTTnet;

namespace Nuage.Mqtt.Wills;

/// <summary>
/// A will with a Will Delay Interval (MQTT 5 §3.1.3.2.2), taken out of its CONNECT so that MQTTnet, which sends every
/// will at once, does not send it: the message as the client wrote it (its topic in the client's form), how long to
/// wait, and the session's expiry at CONNECT (the will goes when either runs out, whichever is first).
/// </summary>
public sealed record DelayedWill(MqttApplicationMessage Message, uint DelaySeconds, uint SessionExpirySeconds)
{
    /// <summary>§3.1.3.2.2: the will waits for its delay or the end of the session, whichever comes first.</summary>
    public TimeSpan Wait => TimeSpan.FromSeconds(Math.Min(DelaySeconds, SessionExpirySeconds));
}
