namespace Nuage.Storage.Commits;

using Nuage.Metadata;
using Nuage.Storage.Internal;
using Nuage.Storage.Notifications;
using Nuage.Storage.Objects;
using Nuage.Storage.Quotas;

/// <summary>
/// The one place where an object's rows change (DESIGN.md "Object commits go through one transaction path"; issue
/// 15). Every mutation (PUT, copy, multipart completion, delete, delete marker, version removal; later lifecycle
/// expiry and replicated writes) is handed here inside its writer's metadata unit of work, with its
/// <see cref="CommitStamp"/>, so the write condition, the bucket's versioning rules, and later object lock checks and
/// the replication outbox row, are decided in the same transaction as the change itself. Replaced and removed rows'
/// blobs become garbage in that transaction (invariant 2), by the store.
/// The rules per versioning state are those of AWS "Using versioning in S3 buckets" (docs/design/versioning.md).
/// </summary>
internal static class ObjectCommitPath
{
    /// <summary>
    /// Writes <paramref name="content"/> as the key's latest version once its write condition holds: a new version
    /// when the stamp names one (versioning enabled), else the null version, replacing the previous null version.
    /// With <paramref name="quota"/> (the bucket owner's), a write that takes the account over it is undone here.
    /// </summary>
    public static ObjectRow Put(
        IMetadataTransaction tx, ObjectVersionContent content, CommitStamp stamp, WriteCondition? condition, AccountQuota? quota = null,
        ObjectEvents? events = null, ObjectReplication? replication = null)
    {
        CheckCondition(tx, content.Bucket, content.Key, condition);
        if (replication is { } ordered && stamp.VersionIdIsNew && ordered.Recorder.Replicates(content.Bucket, ordered.BucketOwner))
        {
            stamp = AfterCurrent(tx, content.Bucket, content.Key, stamp);
        }

        var storedBefore = quota is { } q ? tx.AccountStoredBytes(q.AccountId) : 0;
        var row = content.ToRow(stamp);
        tx.PutObject(row, stamp.VersionIdIsNew);

        // The usage rows changed with the insert (the store's triggers), so this sees exactly what the commit would keep.
        QuotaGuard.CheckAfterChange(tx, quota, storedBefore);

        // Every write sets the version's ACL, so a replaced null version never inherits the ACL of the one it replaced.
        // A version id made for this write has no ACL row to clear.
        if (content.Acl is not null || !stamp.VersionIdIsNew)
        {
            tx.SetObjectAcl(content.Bucket, content.Key, row.VersionId, content.Acl);
        }
        if (content.Lock is { } retention)
        {
            ObjectLocks.Store(tx, content.Bucket, content.Key, row.VersionId, retention);
        }

        if (events is { } e)
        {
            e.Recorder.Record(tx, content.Bucket, e.BucketOwner, e.CreatedEventName, row);
        }

        // Only versions with an id of their own replicate (AWS requires versioning enabled on the source).
        if (replication is { } r && stamp.VersionIdIsNew)
        {
            r.Recorder.Record(tx, r.BucketOwner, row with { Tags = content.Tags });
        }

        return row;
    }

    /// <summary>
    /// Replaces the tags of the current version, or of <paramref name="versionId"/> (PutObjectTagging,
    /// DeleteObjectTagging), without a new version: S3 keeps the object's ETag and Last-Modified when only its tags
    /// change. NoSuchKey / NoSuchVersion when there is none; a delete marker has no tags to change.
    /// </summary>
    public static void SetTags(IMetadataTransaction tx, string bucket, string key, string? versionId, string? tags, ObjectReplication? replication = null)
    {
        var version = ExistingVersion(tx, bucket, key, versionId);
        tx.SetObjectTags(bucket, key, version.VersionId, tags);
        RecordMetadataChange(tx, replication, version, tags);
    }

    /// <summary>Replaces the ACL of the current version, or of <paramref name="versionId"/> (PutObjectAcl).</summary>
    public static void SetAcl(IMetadataTransaction tx, string bucket, string key, string? versionId, string? acl, ObjectReplication? replication = null)
    {
        var version = ExistingVersion(tx, bucket, key, versionId);
        tx.SetObjectAcl(bucket, key, version.VersionId, acl);
        RecordMetadataChange(tx, replication, version, version.Tags);
    }

    /// <summary>
    /// DeleteObject. With a version id, removes that version (or delete marker) for good; a version that does not
    /// exist is a success, as on AWS. Without one: in an unversioned bucket the null version is removed; with
    /// versioning enabled a delete marker with a new id becomes the latest version; suspended, a delete marker with
    /// the null id replaces the null version (AWS "Deleting object versions", "Working with delete markers").
    /// With <paramref name="ifMatch"/> the current object must exist ("*") or have that ETag, or nothing is changed
    /// (AWS "How to perform conditional deletes": 404 NoSuchKey when absent, 412 PreconditionFailed when the ETag
    /// differs).
    /// </summary>
    public static DeleteOutcome Delete(
        IMetadataTransaction tx, BucketRow bucket, string key, string? versionId, string? ifMatch, CommitStamp stamp, bool bypassGovernance = false,
        NotificationRecorder? events = null, bool byLifecycle = false, Replication.ReplicationRecorder? replication = null)
    {
        if (ifMatch is not null)
        {
            CheckCondition(tx, bucket.Name, key, new WriteCondition(ifMatch, IfNoneMatchAny: false));
        }

        if (versionId is not null)
        {
            // Object Lock protects versions, not keys: only the removal of a version is ever refused.
            ObjectLocks.CheckRemovable(tx, bucket.Name, key, versionId, bypassGovernance);
            var removed = tx.DeleteObjectVersion(bucket.Name, key, versionId);
            RecordRemoval(tx, events, bucket, removed, byLifecycle ? ObjectEventName.LifecycleDelete : ObjectEventName.Delete, stamp);
            return new DeleteOutcome(removed is { IsDeleteMarker: true }, removed is { IsDeleteMarker: true } ? versionId : null);
        }

        if (bucket.Versioning == BucketVersioning.Unversioned)
        {
            var removed = tx.DeleteObjectVersion(bucket.Name, key, CommitStamp.NullVersion);
            RecordRemoval(tx, events, bucket, removed, byLifecycle ? ObjectEventName.LifecycleDelete : ObjectEventName.Delete, stamp);
            return new DeleteOutcome(false, null);
        }

        if (replication is not null && !byLifecycle && stamp.VersionIdIsNew && replication.Replicates(bucket.Name, bucket.Owner))
        {
            stamp = AfterCurrent(tx, bucket.Name, key, stamp);
        }

        // AWS adds the marker even when the key has no version at all: the delete still "succeeds" and is recorded.
        var marker = new ObjectRow(
            bucket.Name, key, stamp.VersionId, 0, string.Empty, stamp.Timestamp, stamp.OriginRegion, bucket.Owner,
            StoredAttributes.Empty, null, null, null)
        {
            IsDeleteMarker = true,
        };
        tx.PutObject(marker, stamp.VersionIdIsNew);
        if (!stamp.VersionIdIsNew)
        {
            tx.SetObjectAcl(bucket.Name, key, stamp.VersionId, null);
        }

        events?.Record(tx, bucket.Name, bucket.Owner, byLifecycle ? ObjectEventName.LifecycleDeleteMarkerCreated : ObjectEventName.DeleteMarkerCreated, marker);

        // A delete marker of a versioning-enabled bucket replicates when a rule asks for it; one added by lifecycle
        // expiration never does (AWS: "delete markers created by S3 Lifecycle ... are not replicated").
        if (!byLifecycle && stamp.VersionIdIsNew)
        {
            replication?.Record(tx, bucket.Owner, marker);
        }

        return new DeleteOutcome(true, stamp.VersionId);
    }

    /// <summary>PutObjectRetention on the current version or <paramref name="versionId"/> (rules in <see cref="ObjectLocks"/>).</summary>
    public static void SetRetention(
        IMetadataTransaction tx, string bucket, string key, string? versionId, ObjectLockMode? mode, DateTimeOffset? until, bool bypassGovernance,
        ObjectReplication? replication = null)
    {
        var version = ExistingVersion(tx, bucket, key, versionId);
        ObjectLocks.SetRetention(tx, bucket, key, version.VersionId, mode, until, bypassGovernance);
        RecordMetadataChange(tx, replication, version, version.Tags);
    }

    /// <summary>PutObjectLegalHold on the current version or <paramref name="versionId"/>.</summary>
    public static void SetLegalHold(IMetadataTransaction tx, string bucket, string key, string? versionId, bool on, ObjectReplication? replication = null)
    {
        var version = ExistingVersion(tx, bucket, key, versionId);
        ObjectLocks.SetLegalHold(tx, bucket, key, version.VersionId, on);
        RecordMetadataChange(tx, replication, version, version.Tags);
    }

    /// <summary>
    /// The replication outbox row of a metadata-only change (tags, ACL, retention, legal hold of an existing version),
    /// in the change's own transaction, as a new version's row is in its commit's (issue 17).
    /// </summary>
    private static void RecordMetadataChange(IMetadataTransaction tx, ObjectReplication? replication, ObjectRow version, string? tagsAfter)
    {
        if (replication is { } r)
        {
            r.Recorder.RecordMetadataChange(tx, r.BucketOwner, version, tagsAfter);
        }
    }

    /// <summary>
    /// Writes a version replicated from another region with that region's <paramref name="stamp"/> (its version id,
    /// commit time and origin) and marks it REPLICA. Idempotent: a version id this key has already is left as it is
    /// (a retried push). Concurrent writes of one key in two regions converge by last-writer-wins on (timestamp,
    /// origin region): the replica becomes the key's current version only when it is newer than the current one,
    /// otherwise it joins the key's history as a noncurrent version, placed below the versions later than it (AWS keeps
    /// the version order of the source). Never recorded for replication again, so two-way
    /// replication does not ping-pong. Returns false when the version was there already.
    /// </summary>
    public static bool PutReplica(IMetadataTransaction tx, ObjectVersionContent content, CommitStamp stamp, bool isDeleteMarker, ObjectLockRow? retention)
    {
        if (tx.GetObjectVersion(content.Bucket, content.Key, stamp.VersionId) is not null)
        {
            return false;
        }

        var row = content.ToRow(stamp) with { IsDeleteMarker = isDeleteMarker };
        var latest = tx.GetObjectVersion(content.Bucket, content.Key, null);
        if (latest is null || IsNewer(stamp, latest))
        {
            tx.PutObject(row, versionIdIsNew: true);
        }
        else
        {
            tx.PutObjectNoncurrent(row);
        }

        if (retention is not null)
        {
            tx.SetObjectLock(content.Bucket, content.Key, stamp.VersionId, retention);
        }

        tx.SetReplicationStatus(content.Bucket, content.Key, stamp.VersionId, Replication.ReplicationStatuses.Replica);
        return true;
    }

    /// <summary>
    /// The stamp of a local write to a key of a replicating bucket, made later than the key's current version when
    /// that one (a replica from a region whose clock is ahead) carries a later time: a new write here must win
    /// last-writer-wins everywhere, as it wins here by being written last (a hybrid logical clock's rule). One read of
    /// the key's current version, for replicating buckets only.
    /// </summary>
    private static CommitStamp AfterCurrent(IMetadataTransaction tx, string bucket, string key, CommitStamp stamp)
    {
        var current = tx.GetObjectVersion(bucket, key, null);
        return current is not null && !IsNewer(stamp, current)
            ? stamp with { Timestamp = current.LastModified.AddMilliseconds(1) }
            : stamp;
    }

    /// <summary>Last-writer-wins order of two writes of one key: commit time, then origin region name (DESIGN.md "Regions").</summary>
    private static bool IsNewer(CommitStamp stamp, ObjectRow current) =>
        VersionOrder.IsLater(stamp.Timestamp, stamp.OriginRegion, current.LastModified, current.OriginRegion);

    /// <summary>
    /// The event of a removal, when a version was removed: S3 reports "s3:ObjectRemoved:Delete" for a version or a
    /// delete marker deleted for good, with the version id, at the time of the removal.
    /// </summary>
    private static void RecordRemoval(IMetadataTransaction tx, NotificationRecorder? events, BucketRow bucket, ObjectRow? removed, string eventName, CommitStamp stamp)
    {
        if (events is not null && removed is not null)
        {
            events.Record(tx, bucket.Name, bucket.Owner, eventName, removed with { LastModified = stamp.Timestamp });
        }
    }

    /// <summary>The version an operation on an existing object names: the latest, or <paramref name="versionId"/>.</summary>
    private static ObjectRow ExistingVersion(IMetadataTransaction tx, string bucket, string key, string? versionId)
    {
        var version = tx.GetObjectVersion(bucket, key, versionId);
        if (version is null)
        {
            throw versionId is null ? Errors.NoSuchKey(key) : Errors.NoSuchVersion();
        }

        if (version.IsDeleteMarker)
        {
            // The latest version being a delete marker reads as "no such key"; naming a marker by its id is a
            // method that does not apply to it (405, as GET ?versionId= of a marker answers).
            throw versionId is null ? Errors.DeleteMarker(key, version.VersionId) : Errors.MethodNotAllowedOnDeleteMarker(version.VersionId);
        }

        return version;
    }

    /// <summary>
    /// Conditional writes decided inside the transaction (DESIGN.md invariant 8; AWS "Conditional writes"):
    /// If-None-Match: * fails when the key has a current object; If-Match fails when it has none (NoSuchKey, as S3
    /// answers 404) or its ETag differs. A delete marker as the latest version means there is no current object.
    /// </summary>
    private static void CheckCondition(IMetadataTransaction tx, string bucket, string key, WriteCondition? condition)
    {
        if (condition is null)
        {
            return;
        }

        var latest = tx.GetObjectVersion(bucket, key, null);
        string? current = latest is { IsDeleteMarker: false } ? latest.ETag : null;
        if (condition.IfNoneMatchAny && current is not null)
        {
            throw Errors.PreconditionFailed();
        }

        if (condition.IfMatchETag is { } expected)
        {
            if (current is null)
            {
                throw Errors.NoSuchKey(key);
            }

            if (!ConditionEvaluator.Matches(expected, current, weak: false))
            {
                throw Errors.PreconditionFailed();
            }
        }
    }
}
