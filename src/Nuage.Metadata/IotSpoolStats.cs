namespace Nuage.Metadata;

/// <summary>
/// What waits in one rule's spool: unclaimed rows, their line bytes and the oldest one's receipt time
/// (<paramref name="Waiting"/> 0: no waiting row, <paramref name="OldestAt"/> is then meaningless), and every spooled row
/// whether claimed or not (<paramref name="Depth"/>).
/// </summary>
public sealed record IotSpoolStats(string AccountId, string RuleName, long Waiting, long WaitingBytes, DateTimeOffset OldestAt, long Depth);
