namespace Nuage.Storage.Objects;

/// <summary>
/// One object version's metadata. ETag is the hex digest without quotes ("md5hex" or "md5hex-N" for multipart).
/// VersionId is "null" until versioning exists. PartsCount is set for multipart objects.
/// </summary>
public sealed record ObjectInfo(
    string Bucket,
    string Key,
    string VersionId,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    ObjectAttributes Attributes,
    ObjectChecksum? Checksum,
    int? PartsCount,
    string Owner,
    string OriginRegion)
{
    /// <summary>
    /// For an object written by CompleteMultipartUpload: the size in bytes of each of its parts, in order, so
    /// <c>PartSizes.Count == PartsCount</c> and the sizes add up to <see cref="Size"/>. Part N of GET/HEAD
    /// <c>?partNumber=N</c> (1-based, AWS GetObject "partNumber") is then the byte range that starts at the sum of
    /// the first N-1 sizes and is <c>PartSizes[N-1]</c> long. The parts are those named at completion, in
    /// that order; the part numbers they were uploaded under are not kept, so entry i is the object's (i+1)-th part
    /// even when numbers were skipped at completion. Null for any other object (single PUT, copy), and in listings,
    /// which do not read manifests. Set by HeadObject, OpenObject and CompleteMultipartUpload.
    /// </summary>
    public IReadOnlyList<long>? PartSizes { get; init; }

    /// <summary>
    /// Beside <see cref="PartSizes"/>: each part's own base64 checksum, of <see cref="Checksum"/>'s algorithm, when
    /// the upload declared one (AWS "ObjectPart"; GetObject ?partNumber=N answers part N's). Null otherwise.
    /// </summary>
    public IReadOnlyList<string>? PartChecksums { get; init; }

    /// <summary>The version's tag set (opaque, the S3 door's x-amz-tagging form); null when it has none, and in listings.</summary>
    public string? Tags { get; init; }

    /// <summary>How the version is encrypted at rest; null when it is stored in the clear, and in listings.</summary>
    public Nuage.Storage.Encryption.ServerSideEncryption? Encryption { get; init; }

    /// <summary>For SSE-KMS: the key's ARN, the Bucket Key flag and the encryption context; null otherwise.</summary>
    public Nuage.Storage.Encryption.Kms.KmsEncryptionInfo? Kms { get; init; }
}
