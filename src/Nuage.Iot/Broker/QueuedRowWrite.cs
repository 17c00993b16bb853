namespace Nuage.Iot.Broker;

/// <summary>
/// The insert of one queued message's row, between the append that asked for it and the group commit that runs it:
/// either the writer starts it, or the client's acknowledgement withdraws it first, whichever comes first. A message
/// the client acknowledged before its row was written needs no row at all (the client has it; MQTT 5 §4.3.2 asks
/// nothing more of the session state), so under load most QoS 1 messages to a connected persistent subscriber cost
/// neither an insert nor the delete that would follow it (docs/iot.md "Persistence").
/// </summary>
internal sealed class QueuedRowWrite
{
    private const int Waiting = 0;
    private const int Written = 1;
    private const int Withdrawn = 2;

    private int _state;

    /// <summary>
    /// The writer is about to insert the row: true unless the acknowledgement withdrew it. True again when the engine
    /// runs the same unit of work a second time (PostgreSQL's replay after a serialization failure, whose first
    /// insert was rolled back).
    /// </summary>
    public bool TryWrite() => Interlocked.CompareExchange(ref _state, Written, Waiting) != Withdrawn;

    /// <summary>The client acknowledged the message: true when the row had not been started and now never will be.</summary>
    public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Waiting) == Waiting;

    /// <summary>The row must be written whatever comes (its append also trims the stored queue to its limit).</summary>
    public void Pin() => Interlocked.CompareExchange(ref _state, Written, Waiting);
}
