namespace Nuage.Metadata;

/// <summary>
/// When and where a replicating version's tags, ACL, retention or legal hold last changed (schema 027): the order in
/// which two-way replication applies concurrent metadata-only changes of one version, last writer wins on (time,
/// region), as issue 17 asks of every conflict. <paramref name="Ticks"/> are UTC ticks, <paramref name="Region"/> the
/// federation name of the region where the change was made; the region breaks a tie of times, so two regions that
/// compare the same two stamps always pick the same winner.
/// </summary>
public sealed record ReplicationMetadataStamp(long Ticks, string Region) : IComparable<ReplicationMetadataStamp>
{
    public int CompareTo(ReplicationMetadataStamp? other) =>
        other is null ? 1
        : Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks)
        : string.CompareOrdinal(Region, other.Region);

    /// <summary>
    /// The stamp of a change made now in <paramref name="region"/> after <paramref name="previous"/>: the clock's time,
    /// or one tick after the previous stamp when that one is not earlier (a change applied from a region whose clock is
    /// ahead), so what is changed last here is last everywhere, as a hybrid logical clock orders it.
    /// </summary>
    public static ReplicationMetadataStamp Next(ReplicationMetadataStamp? previous, DateTimeOffset now, string region)
    {
        long ticks = now.UtcTicks;
        if (previous is not null && previous.Ticks >= ticks)
        {
            ticks = previous.Ticks + 1;
        }

        return new ReplicationMetadataStamp(ticks, region);
    }

    public static bool operator <(ReplicationMetadataStamp? left, ReplicationMetadataStamp? right) => Compare(left, right) < 0;

    public static bool operator >(ReplicationMetadataStamp? left, ReplicationMetadataStamp? right) => Compare(left, right) > 0;

    public static bool operator <=(ReplicationMetadataStamp? left, ReplicationMetadataStamp? right) => Compare(left, right) <= 0;

    public static bool operator >=(ReplicationMetadataStamp? left, ReplicationMetadataStamp? right) => Compare(left, right) >= 0;

    private static int Compare(ReplicationMetadataStamp? left, ReplicationMetadataStamp? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
