namespace Nuage.Storage.Commits;

using Nuage.Metadata;
using Nuage.Storage.Objects;

/// <summary>
/// Everything a writer decides about the object it writes (data, size, ETag, owner, attributes, checksum), but not
/// what identifies the write (<see cref="CommitStamp"/>), which <see cref="ObjectCommitPath"/> adds.
/// </summary>
internal sealed record ObjectVersionContent(
    string Bucket,
    string Key,
    long Size,
    string ETag,
    string Owner,
    StoredAttributes Attributes,
    StoredChecksum? Checksum,
    int? PartsCount,
    DataLocation Data)
{
    /// <summary>The multipart upload whose completion writes it (so a retried completion recognises its result).</summary>
    public string? UploadId { get; init; }

    /// <summary>The object's ACL (the IAM service's JSON); null for the default one (its owner has FULL_CONTROL).</summary>
    public string? Acl { get; init; }

    /// <summary>The version's tag set (opaque, the S3 door's form); null for none. Written with the row, so a replaced object never keeps the old tags.</summary>
    public string? Tags { get; init; }

    /// <summary>The version's retention and legal hold, set in the commit that writes it; null for none.</summary>
    public ObjectLockState? Lock { get; init; }

    /// <summary>The version's encryption envelope (Nuage.Storage.Encryption); null when its bytes are in the clear.</summary>
    public byte[]? Encryption { get; init; }

    public ObjectRow ToRow(CommitStamp stamp) =>
        new(Bucket, Key, stamp.VersionId, Size, ETag, stamp.Timestamp, stamp.OriginRegion, Owner, Attributes, Checksum, PartsCount, Data)
        {
            UploadId = UploadId,
            Tags = Tags,
            Encryption = Encryption,
        };
}
