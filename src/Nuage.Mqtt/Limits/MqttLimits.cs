namespace Nuage.Mqtt.Limits;

/// <summary>
/// The broker's limits (docs/iot.md "Limits"). The Host sets the two a user may need to change (packet size, the
/// connection rate per source address) from `nuage server` options; the rest are fixed here, with their reasons.
/// </summary>
public sealed record MqttLimits
{
    public const int DefaultMaxPacketSize = 256 * 1024;

    public const int DefaultConnectsPerSecondPerAddress = 100;

    /// <summary>AWS IoT Core's largest keep alive, which it also takes for a client that asks for none.</summary>
    public const int DefaultMaxKeepAliveSeconds = 1200;

    /// <summary>Mosquitto's default max_inflight_messages, which measured best here (docs/performance.md "QoS 1 in flight").</summary>
    public const int DefaultMaxInflightMessages = 20;

    /// <summary>
    /// Largest packet accepted, in bytes, whole packet counted (MQTT 5 §3.2.2.3.6). Announced in CONNACK to MQTT 5
    /// clients; a larger PUBLISH closes the connection with DISCONNECT 0x95 Packet too large (§4.13.2).
    /// </summary>
    public int MaxPacketSize { get; init; } = DefaultMaxPacketSize;

    /// <summary>CONNECTs per second from one source address, sustained; bursts up to twice that.</summary>
    public int ConnectsPerSecondPerAddress { get; init; } = DefaultConnectsPerSecondPerAddress;

    /// <summary>
    /// CONNECTs per second with one client id, sustained (AWS IoT Core allows 1; Nuage 2, since tests and tools
    /// reconnect at once after a takeover), bursting to <see cref="ConnectBurstPerClientId"/>. Stops a device in a
    /// reconnect loop from taking its own session over again and again.
    /// </summary>
    public double ConnectsPerSecondPerClientId { get; init; } = 2;

    public int ConnectBurstPerClientId { get; init; } = 10;

    /// <summary>
    /// Messages queued for one session (connected and slow, or offline with a persistent session) before the oldest
    /// is dropped: MQTTnet's MaxPendingMessagesPerClient with DropOldestQueuedMessage.
    /// </summary>
    public int MaxQueuedMessagesPerSession { get; init; } = 1000;

    /// <summary>
    /// QoS 1 and 2 PUBLISHes a client may have unacknowledged toward the broker at once: the Receive Maximum the
    /// broker announces in CONNACK to MQTT 5 clients (§3.2.2.3.3). One more is a protocol error answered with
    /// DISCONNECT 0x93 Receive Maximum exceeded (§4.9). 100 is AWS IoT Core's in-flight limit per connection.
    /// </summary>
    public int ReceiveMaximum { get; init; } = 100;

    /// <summary>
    /// Highest topic alias an MQTT 5 client may use toward the broker: the Topic Alias Maximum in CONNACK
    /// (§3.2.2.3.8). An alias of 0 or above it is answered with DISCONNECT 0x94 Topic Alias invalid (§3.3.2.3.4).
    /// Each alias holds one topic per connection, so this bounds the memory a connection's aliases take.
    /// </summary>
    public int TopicAliasMaximum { get; init; } = 16;

    /// <summary>
    /// Longest keep alive an MQTT 5 client gets, in seconds: one that asks for more, or for none (0), is told this one
    /// in CONNACK's Server Keep Alive (§3.2.2.3.14) and must use it [MQTT-3.2.2-21]; the broker closes its connection
    /// after one and a half times that without a packet (§3.1.2.10). MQTT 3.1.1 has no way to tell a client, so its
    /// keep alive is taken as asked.
    /// </summary>
    public int MaxKeepAliveSeconds { get; init; } = DefaultMaxKeepAliveSeconds;

    /// <summary>
    /// QoS 1 and 2 PUBLISHes the broker has unacknowledged toward one client at once, under MQTT 3.1.1 and 5 alike
    /// (an MQTT 5 client's own Receive Maximum lowers it further, §4.9); the rest wait in the session's queue, in
    /// order. MQTTnet alone sends a subscriber everything queued for it. Into a client whose socket buffers are small
    /// (MQTTnet's client asks for 8 KiB) hundreds of PUBLISHes in flight stalled delivery for seconds at a time
    /// (docs/performance.md "QoS 1 in flight"); 20 of 256 bytes fit such a buffer, as Mosquitto's default does.
    /// </summary>
    public int MaxInflightMessages { get; init; } = DefaultMaxInflightMessages;

    /// <summary>
    /// Queue length toward one client at which its publishers wait (Limits/SubscriberBackpressure), and how many QoS 1/2
    /// PUBLISHes beyond the in-flight ones the connection holds before the session's queue keeps the rest: a tenth of
    /// <see cref="MaxQueuedMessagesPerSession"/> (100). Low, because a queue held at the mark is latency (100 messages
    /// at 20,000 msg/s is 5 ms); far under the limit, so several publishers that pass the check at once, or a burst of
    /// the broker's own messages, still fit without a drop.
    /// </summary>
    public int QueueHighMark => Math.Max(1, MaxQueuedMessagesPerSession / 10);
}
