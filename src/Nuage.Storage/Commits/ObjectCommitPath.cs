namespace Nuage.Storage.Commits;

using Nuage.Metadata;
using Nuage.Storage.Internal;
using Nuage.Storage.Objects;

/// <summary>
/// The one place where an object's rows change (DESIGN.md "Object commits go through one transaction path"; issue
/// 15). Every mutation (PUT, copy, multipart completion, delete; later delete markers, version removal, lifecycle
/// expiry and replicated writes) is handed here inside its writer's metadata unit of work, with its
/// <see cref="CommitStamp"/>, so the write condition, and later versioning, object lock checks and the replication
/// outbox row, are decided in the same transaction as the change itself. Replaced and removed rows' blobs become
/// garbage in that transaction (invariant 2), by the store.
/// </summary>
internal static class ObjectCommitPath
{
    /// <summary>Writes <paramref name="content"/> as the key's current object once its write condition holds.</summary>
    public static ObjectRow Put(IMetadataTransaction tx, ObjectVersionContent content, CommitStamp stamp, WriteCondition? condition)
    {
        CheckCondition(tx, content.Bucket, content.Key, condition);
        var row = content.ToRow(stamp);
        tx.PutObject(row);

        // Every write sets the ACL, so a replaced object never inherits the ACL of the one it replaced.
        tx.SetObjectAcl(content.Bucket, content.Key, content.Acl);
        return row;
    }

    /// <summary>
    /// Replaces the tags of the key's current version (PutObjectTagging, DeleteObjectTagging) without a new version:
    /// S3 keeps the object's ETag and Last-Modified when only its tags change. NoSuchKey when there is no object.
    /// </summary>
    public static void SetTags(IMetadataTransaction tx, string bucket, string key, string? tags)
    {
        if (!tx.SetObjectTags(bucket, key, tags))
        {
            throw Errors.NoSuchKey(key);
        }
    }

    /// <summary>
    /// Removes the key's object, its null version until versioning exists, and its ACL; false when there was none,
    /// which S3 answers as a success (DeleteObject is idempotent) unless <paramref name="ifMatch"/> is given: then
    /// the current object must exist ("*") or have that ETag, or nothing is changed (AWS "How to perform conditional
    /// deletes": 404 NoSuchKey when absent, 412 PreconditionFailed when the ETag differs). Versioning will make this
    /// the place that writes a delete marker (with a stamp) or removes one version.
    /// </summary>
    public static bool Delete(IMetadataTransaction tx, string bucket, string key, string? ifMatch = null)
    {
        if (ifMatch is not null)
        {
            CheckCondition(tx, bucket, key, new WriteCondition(ifMatch, IfNoneMatchAny: false));
        }

        return tx.DeleteObject(bucket, key);
    }

    /// <summary>
    /// Conditional writes decided inside the transaction (DESIGN.md invariant 8; AWS "Conditional writes"):
    /// If-None-Match: * fails when the key exists; If-Match fails when it is missing (NoSuchKey, as S3 answers 404)
    /// or its ETag differs.
    /// </summary>
    private static void CheckCondition(IMetadataTransaction tx, string bucket, string key, WriteCondition? condition)
    {
        if (condition is null)
        {
            return;
        }

        string? current = tx.GetObjectETag(bucket, key);
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
