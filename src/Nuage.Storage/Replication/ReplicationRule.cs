namespace Nuage.Storage.Replication;

/// <summary>
/// One rule of a bucket's replication configuration (S3 API reference, "ReplicationRule"): which versions it takes
/// (<see cref="Prefix"/> and every tag of <see cref="Tags"/>, the Filter's Prefix, Tag and And), where they go
/// (<see cref="DestinationBucket"/>, whose region the global bucket registry knows), whether delete markers go too,
/// and its <see cref="Priority"/> among rules that share a destination.
/// </summary>
public sealed record ReplicationRule(
    string Id,
    int Priority,
    bool Enabled,
    string Prefix,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    string DestinationBucket,
    bool DeleteMarkerReplication,
    bool ReplicaModifications)
{
    /// <summary>
    /// Whether a version of <paramref name="key"/> with <paramref name="tags"/> is this rule's: the key starts with the
    /// prefix and the version carries every tag of the filter ("And": all conditions).
    /// </summary>
    public bool Matches(string key, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (!Enabled || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var wanted in Tags)
        {
            if (!tags.Contains(wanted))
            {
                return false;
            }
        }

        return true;
    }
}
