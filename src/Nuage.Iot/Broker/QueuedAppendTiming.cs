namespace Nuage.Iot.Broker;

/// <summary>When the row of a message appended to a persistent session's queue is written (<see cref="QueuedMessageStore.AppendAsync"/>).</summary>
public enum QueuedAppendTiming
{
    /// <summary>At once, in its own group commit: the broker awaits the append before its next step.</summary>
    Prompt,

    /// <summary>
    /// With the next commit, which may wait a little for more (<see cref="Nuage.Metadata.CommitTiming.Gathered"/>): only a
    /// publisher's held PUBACK waits for it, and its receiver is not connected.
    /// </summary>
    Gathered,

    /// <summary>
    /// A QoS 1 message handed to its connected receiver, with a publisher's PUBACK held for it: the row is written only
    /// if the receiver has not acknowledged the message first (<see cref="DeferredRowWrites"/>). Other QoS are gathered.
    /// </summary>
    Deferred,
}
