namespace Nuage.Storage.Replication;

/// <summary>
/// One rule of a bucket's replication configuration (S3 API reference, "ReplicationRule"): which versions it takes
/// (<see cref="Prefix"/> and every tag of <see cref="Tags"/>, the Filter's Prefix, Tag and And), where they go
/// (<see cref="DestinationBucket"/>, whose region the global bucket registry knows), whether delete markers go too,
/// and its <see cref="Priority"/> among rules that share a destination.
/// <see cref="SseKmsEncryptedObjects"/> (SourceSelectionCriteria/SseKmsEncryptedObjects) opts SSE-KMS versions in,
/// re-encrypted at the destination under <see cref="ReplicaKmsKeyId"/> (Destination/EncryptionConfiguration);
/// <see cref="DestinationAccount"/> (Destination/Account) and <see cref="OwnerTranslation"/>
/// (AccessControlTranslation Owner=Destination) are for a destination bucket of another account
/// (docs/replication.md "Encrypted versions", "Another account's destination").
/// </summary>
public sealed record ReplicationRule(
    string Id,
    int Priority,
    bool Enabled,
    string Prefix,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    string DestinationBucket,
    bool DeleteMarkerReplication,
    bool ReplicaModifications,
    bool SseKmsEncryptedObjects = false,
    string? ReplicaKmsKeyId = null,
    string? DestinationAccount = null,
    bool OwnerTranslation = false)
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
