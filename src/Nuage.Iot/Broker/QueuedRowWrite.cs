namespace Nuage.Iot.Broker;

/// <summary>
/// The insert of one queued message's row, between the append that asked for it and the group commit that runs it:
/// either the writer starts it, or the client's acknowledgement withdraws it first, whichever comes first. A message
/// the client acknowledged before its row was written needs no row at all (the client has it; MQTT 5 §4.3.2 asks
/// nothing more of the session state), so under load most QoS 1 messages to a connected persistent subscriber cost
/// neither an insert nor the delete that would follow it (docs/iot.md "Persistence"). A message the queue's limit
/// dropped before its row was written is withdrawn the same way.
/// </summary>
internal sealed class QueuedRowWrite
{
    private const int Waiting = 0;
    private const int Written = 1;
    private const int Withdrawn = 2;

    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;
    private ushort? _sentPacketId;

    /// <summary>
    /// Completes once the message needs nothing more from this append: its row committed (<see cref="Committed"/>), or
    /// withdrawn (the client has the message, or the queue's limit dropped it). What a deferred append's publisher
    /// waits for (<see cref="DeferredRowWrites"/>).
    /// </summary>
    public Task Settled => _settled.Task;

    /// <summary>
    /// The writer is about to insert the row: true unless it was withdrawn, with the packet identifier the message
    /// was first sent under when that came before the insert (<see cref="TryRecordSent"/>). True again when the engine
    /// runs the same unit of work a second time (PostgreSQL's replay after a serialization failure, whose first
    /// insert was rolled back).
    /// </summary>
    public bool TryWrite(out ushort? sentPacketId)
    {
        lock (_gate)
        {
            sentPacketId = _sentPacketId;
            if (_state == Withdrawn)
            {
                return false;
            }

            _state = Written;
            return true;
        }
    }

    /// <summary>
    /// The client acknowledged the message, or the queue's limit dropped it: true when the row had not been started
    /// and now never will be.
    /// </summary>
    public bool TryWithdraw()
    {
        lock (_gate)
        {
            if (_state != Waiting)
            {
                return false;
            }

            _state = Withdrawn;
        }

        _settled.TrySetResult();
        return true;
    }

    /// <summary>
    /// The message leaves for its client (QoS 1) under <paramref name="packetId"/> before its row was started: the
    /// insert carries the identifier. False once the row is started or withdrawn (the identifier then waits for the
    /// next commit, as for any written row).
    /// </summary>
    public bool TryRecordSent(ushort packetId)
    {
        lock (_gate)
        {
            if (_state != Waiting)
            {
                return false;
            }

            _sentPacketId = packetId;
            return true;
        }
    }

    /// <summary>The row must be written whatever comes (its append also trims the stored queue to its limit).</summary>
    public void Pin()
    {
        lock (_gate)
        {
            if (_state == Waiting)
            {
                _state = Written;
            }
        }
    }

    /// <summary>The commit that carried the row (or found it withdrawn) is durable.</summary>
    public void Committed() => _settled.TrySetResult();

    /// <summary>The commit that was to carry the row failed.</summary>
    public void Failed(Exception exception) => _settled.TrySetException(exception);
}
