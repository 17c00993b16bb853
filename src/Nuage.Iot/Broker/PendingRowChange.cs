namespace Nuage.Iot.Broker;

/// <summary>
/// A change to a queued message's row that waits for the next commit instead of making one
/// (<see cref="QueuedMessageStore"/>): its delete once acknowledged, the packet identifier it was first sent under
/// (QoS 1), or the note that its row was withdrawn before it was written (so a waiting identifier is dropped).
/// </summary>
internal readonly record struct PendingRowChange(string ClientId, long Seq, PendingRowChange.Kind Change, ushort SentPacketId)
{
    public enum Kind
    {
        Delete,
        Sent,
        Withdrawn,
    }
}
