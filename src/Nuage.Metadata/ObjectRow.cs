namespace Nuage.Metadata;

/// <summary>
/// One object version. VersionId is "null" for the null version (every write of an unversioned or suspended
/// bucket); LastModified is the commit timestamp and, with OriginRegion, the last-writer-wins order of replication
/// (DESIGN.md "Regions"). <see cref="Data"/> is null when the row was read without its data (a HEAD needs no
/// bytes), and for a delete marker, which has none.
/// Encryption parameters and retention will be added as columns by later migrations.
/// </summary>
public sealed record ObjectRow(
    string Bucket,
    string Key,
    string VersionId,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string OriginRegion,
    string Owner,
    StoredAttributes Attributes,
    StoredChecksum? Checksum,
    int? PartsCount,
    DataLocation? Data)
{
    /// <summary>
    /// The multipart upload whose completion wrote this row; null for every other write. Stored by
    /// <see cref="IMetadataTransaction.PutObject"/> and read back only by
    /// <see cref="IMetadataTransaction.GetObjectCompletedBy"/>: other reads leave it null, since an upload id is
    /// only needed to answer a retried completion and costs head reads nothing that way.
    /// </summary>
    public string? UploadId { get; init; }

    /// <summary>The version's tag set, opaque to storage (the S3 door's x-amz-tagging form); null when it has none.</summary>
    public string? Tags { get; init; }

    /// <summary>True for the key's current version (what GET without a version id reads). Written rows are always latest.</summary>
    public bool IsLatest { get; init; } = true;

    /// <summary>A delete marker (AWS "Working with delete markers"): a version with no data, size 0 and no ETag.</summary>
    public bool IsDeleteMarker { get; init; }

    /// <summary>
    /// The version's server-side encryption envelope (algorithm, nonce prefix, wrapped data key), opaque to the
    /// store; null when its bytes are stored in the clear. When set, <see cref="Data"/> holds ciphertext while
    /// <see cref="Size"/> and the manifest's segment lengths stay plaintext lengths.
    /// </summary>
    public byte[]? Encryption { get; init; }
}
