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
public sealed class ReplicationRecorder(BucketReplications replications, ReplicationSignal signal, string region)
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

    /// <summary>
    /// Called by <see cref="Commits.ObjectCommitPath"/> when an existing version's tags, ACL, retention or legal hold
    /// change, inside that change's transaction: one metadata row per rule that replicates the version, in the key's
    /// order behind its version rows. AWS replicates "object metadata from the source objects to the replicas", object
    /// ACL updates, tags and Object Lock retention ("What does Amazon S3 replicate?"), and changes made to a replica only
    /// with replica modification sync ("When replica modification sync is enabled, Amazon S3 replicates metadata changes
    /// made to the replica copies back to the source object"): so a change of a REPLICA version goes only by the rules
    /// with ReplicaModifications, a change of a version this bucket replicates (PENDING or COMPLETED) by every rule that
    /// takes it, with its tags before or after the change (a tag removed must reach the replica too), and a change of a
    /// version that was never replicated (written before the configuration, or FAILED) by none. A change applied by
    /// replication itself never comes here (<see cref="ReplicaService.ApplyMetadataAsync"/>), so nothing ping-pongs.
    /// A change that replicates stamps the version with its time and this region (schema 027): the order in which
    /// both sides of a two-way setup apply concurrent changes, last writer wins (<see cref="ReplicationMetadataStamp"/>).
    /// A change that does not replicate (a replica's, without replica modification sync) stamps nothing, so the
    /// source's next change still wins over it, as AWS's one-way replication overwrites a replica's metadata.
    /// </summary>
    public void RecordMetadataChange(IMetadataTransaction tx, string bucketOwner, ObjectRow version, string? tagsAfter)
    {
        if (!replications.TryGet(version.Bucket, bucketOwner, out var configuration))
        {
            return;
        }

        string? status = tx.GetReplicationStatus(version.Bucket, version.Key, version.VersionId);
        bool replica = status == ReplicationStatuses.Replica;
        if (!replica && status is not (ReplicationStatuses.Pending or ReplicationStatuses.Completed))
        {
            return;
        }

        var rules = configuration.Matching(version.Key, TagSet.Parse(version.Tags))
            .Concat(configuration.Matching(version.Key, TagSet.Parse(tagsAfter)))
            .Where(r => !replica || r.ReplicaModifications)
            .DistinctBy(r => r.DestinationBucket, StringComparer.Ordinal)
            .ToList();
        if (rules.Count == 0)
        {
            return;
        }

        var now = TimeProvider.System.GetUtcNow();
        foreach (var rule in rules)
        {
            tx.AddReplicationMetadataEntry(version.Bucket, version.Key, version.VersionId, rule.Id, rule.DestinationBucket, now);
        }

        var previous = tx.GetReplicationMetadataStamp(version.Bucket, version.Key, version.VersionId);
        tx.SetReplicationMetadataStamp(version.Bucket, version.Key, version.VersionId, ReplicationMetadataStamp.Next(previous, now, region));
        signal.Raise();
    }
}
