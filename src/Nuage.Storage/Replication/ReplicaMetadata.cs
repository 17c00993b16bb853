using Nuage.Metadata;

namespace Nuage.Storage.Replication;

/// <summary>
/// The metadata of one version that a metadata-only change replicates (issue 17; AWS "What does Amazon S3
/// replicate?": object ACL updates, tags, Object Lock retention, and with replica modification sync the same back from
/// a replica): the whole state as it is when the worker pushes, not the change, so a push repeated after a crash, or a
/// row pushed after a later change, writes the same thing. <see cref="Tags"/> in the S3 door's x-amz-tagging form,
/// <see cref="Acl"/> as stored, <see cref="Lock"/> the retention and legal hold; null when there is none.
/// <see cref="SourceBucket"/>: the bucket where the change was made, so the receiving bucket can tell whether its own
/// rule to that bucket takes replica modifications back (null from a region that predates it).
/// <see cref="Stamp"/>: when and where the state last changed (schema 027), read before the state, so it is never later
/// than the state it travels with; the receiving region applies the state only when the stamp is later than its own
/// (last-writer-wins). Null when the version was never stamped, or from a region that predates stamps: applied then.
/// </summary>
public sealed record ReplicaMetadata(
    string Key, string VersionId, string? Tags, string? Acl, ObjectLockRow? Lock, string? SourceBucket = null, ReplicationMetadataStamp? Stamp = null);
