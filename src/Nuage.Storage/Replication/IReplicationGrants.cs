namespace Nuage.Storage.Replication;

/// <summary>
/// Whether a destination bucket of another account lets a source bucket's owner replicate into it: AWS "Granting
/// permissions when the source and destination buckets are owned by different accounts" has the destination's
/// bucket policy grant the source's replication role s3:ReplicateObject (and s3:ReplicateDelete for delete markers).
/// Policies are the IAM layer's, so storage asks through this (Nuage.Regions.Replication.BucketPolicyReplicationGrants).
/// </summary>
public interface IReplicationGrants
{
    /// <summary>Null when the destination's policy (<paramref name="destinationSettings"/>) grants the push, else why not.</summary>
    string? Refusal(
        string destinationBucket, IReadOnlyDictionary<string, string> destinationSettings, string sourceOwner, string? role, string key, bool isDeleteMarker);
}
