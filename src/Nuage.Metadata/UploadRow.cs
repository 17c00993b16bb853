namespace Nuage.Metadata;

/// <summary>
/// An unfinished multipart upload. ChecksumAlgorithm is the algorithm name given at creation, if any (opaque here:
/// the storage service may append the checksum type, see Nuage.Storage's UploadChecksum); Owner the
/// account that will own the object; Acl the object's ACL (the IAM service's JSON) when one was given; Tags the
/// object's tag set (opaque, as <see cref="ObjectRow.Tags"/>) when one was given.
/// </summary>
public sealed record UploadRow(
    string UploadId,
    string Bucket,
    string Key,
    DateTimeOffset Initiated,
    string Owner,
    StoredAttributes Attributes,
    string? ChecksumAlgorithm,
    string? Acl = null,
    string? Tags = null)
{
    /// <summary>The object's retention and legal hold, encoded by the storage service (opaque here); null for none.</summary>
    public string? ObjectLock { get; init; }

    /// <summary>The envelope of the data key every part is encrypted under (as <see cref="ObjectRow.Encryption"/>); null in the clear.</summary>
    public byte[]? Encryption { get; init; }
}
