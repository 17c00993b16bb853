namespace Nuage.Metadata;

/// <summary>
/// The last-writer-wins order of two versions of one key written in different regions (DESIGN.md "Regions"): commit
/// time, then origin region name (ordinal), so every region ranks the same two versions the same way. AWS
/// "Replicating objects" / two-way replication: the version with the latest creation time is the latest version at
/// both ends, whatever the order in which the versions arrived.
/// </summary>
public static class VersionOrder
{
    /// <summary>Whether a version stamped (<paramref name="time"/>, <paramref name="origin"/>) is later than one stamped (<paramref name="otherTime"/>, <paramref name="otherOrigin"/>).</summary>
    public static bool IsLater(DateTimeOffset time, string origin, DateTimeOffset otherTime, string otherOrigin)
    {
        int byTime = time.CompareTo(otherTime);
        return byTime > 0 || (byTime == 0 && string.CompareOrdinal(origin, otherOrigin) > 0);
    }
}
