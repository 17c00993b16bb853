namespace Nuage.Storage.Internal;

using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Objects;

/// <summary>
/// The one transaction path of object writes (DESIGN.md "Object commits go through one transaction path"): data
/// first (the blob is committed and durable), then one metadata unit of work that checks the bucket and the write
/// condition and replaces the row; the replaced row's blobs become garbage in that same transaction. If the commit
/// fails the new blob is deleted, since no row will ever reference it.
/// </summary>
internal sealed class ObjectCommitter(IMetadataStore metadata, IBlobStore blobs, StorageOptions options)
{
    public async Task<ObjectInfo> CommitAsync(
        string bucket, string key, IngestedBody body, ObjectAttributes attributes, ChecksumAlgorithm? algorithm,
        WriteCondition? condition, ObjectAccess? access, CancellationToken cancellationToken)
    {
        DataLocation data;
        if (body.Blob is { } blob)
        {
            await blob.CommitAsync(cancellationToken).ConfigureAwait(false);
            data = new BlobManifest([new BlobSegment(blob.BlobId, body.Length)]);
        }
        else
        {
            data = new InlineData(body.Inline!, BlockChecksum.Compute(body.Inline, 0));
        }

        var checksum = algorithm is { } a && body.Checksum is not null
            ? new StoredChecksum(ChecksumAlgorithmNames.Name(a), Convert.ToBase64String(body.Checksum), false)
            : null;
        var stored = Mapping.ToStored(attributes);
        string etag = body.ETag;
        long size = body.Length;
        string region = options.Region;
        try
        {
            var row = await metadata.WriteAsync(
                tx =>
                {
                    var owner = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                    CheckCondition(tx, bucket, key, condition);
                    var row = new ObjectRow(bucket, key, "null", size, etag, tx.Now, region, access?.Owner ?? owner.Owner, stored, checksum, null, data);
                    tx.PutObject(row);
                    tx.SetObjectAcl(bucket, key, access?.Acl);
                    return row;
                },
                cancellationToken).ConfigureAwait(false);
            return Mapping.ToInfo(row);
        }
        catch
        {
            if (body.Blob is { } written)
            {
                blobs.Delete(written.BlobId);
            }

            throw;
        }
    }

    /// <summary>
    /// Conditional writes decided inside the transaction (DESIGN.md invariant 8; AWS "Conditional writes"):
    /// If-None-Match: * fails when the key exists; If-Match fails when it is missing (NoSuchKey, as S3 answers 404)
    /// or its ETag differs.
    /// </summary>
    public static void CheckCondition(IMetadataTransaction tx, string bucket, string key, WriteCondition? condition)
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
