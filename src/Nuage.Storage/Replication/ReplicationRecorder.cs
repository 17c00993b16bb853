using Nuage.Metadata;

namespace Nuage.Storage.Replication;

/// <summary>
/// Called by <see cref="Commits.ObjectCommitPath"/> for every new version and delete marker, inside the commit's
/// transaction: for each rule of the bucket that takes it, a replication outbox row, and the version's status
/// PENDING, so the replication is committed with the version or not at all (issue 17: "no acknowledged write can
/// escape replication, kill -9 at any moment included"). Never called for a replica (a version written by
/// replication is not replicated again: no ping-pong), nor for the removal of a version by id, which AWS does not
/// replicate ("If you specify an object version ID to delete in a DELETE request, Amazon S3 deletes that object
/// version in the source bucket. But it doesn't replicate the deletion"). A bucket without replication costs one
/// dictionary lookup.
/// </summary>
public sealed class ReplicationRecorder(BucketReplications replications, ReplicationSignal signal)
{
    /// <summary>Whether <paramref name="bucket"/> replicates (has a configuration set by <paramref name="bucketOwner"/>).</summary>
    public bool Replicates(string bucket, string bucketOwner) => replications.TryGet(bucket, bucketOwner, out _);

    public void Record(IMetadataTransaction tx, string bucketOwner, ObjectRow version)
    {
        if (!replications.TryGet(version.Bucket, bucketOwner, out var configuration))
        {
            return;
        }

        var tags = TagSet.Parse(version.Tags);
        bool any = false;
        foreach (var rule in configuration.Matching(version.Key, tags))
        {
            // AWS replicates a delete marker only when the rule says so (DeleteMarkerReplication), and never one whose
            // rule filters on tags ("delete markers aren't replicated for tag-based rules").
            if (version.IsDeleteMarker && (!rule.DeleteMarkerReplication || rule.Tags.Count > 0))
            {
                continue;
            }

            // AWS replicates SSE-S3 and SSE-C versions by default, SSE-KMS ones only when the rule opts in
            // (SourceSelectionCriteria/SseKmsEncryptedObjects): "By default, Amazon S3 doesn't replicate objects that
            // are encrypted with SSE-KMS". An SSE-KMS version the rule does not select gets no status at all, as on AWS.
            if (!rule.SseKmsEncryptedObjects && Encryption.EncryptionKeys.ModeOf(version.Encryption) == Encryption.ServerSideEncryption.KmsKey)
            {
                continue;
            }

            tx.AddReplicationEntry(version.Bucket, version.Key, version.VersionId, rule.Id, rule.DestinationBucket, version.IsDeleteMarker, version.Size, version.LastModified);
            any = true;
        }

        if (any)
        {
            if (!version.IsDeleteMarker)
            {
                tx.SetReplicationStatus(version.Bucket, version.Key, version.VersionId, ReplicationStatuses.Pending);
            }

            signal.Raise();
        }
    }
}
