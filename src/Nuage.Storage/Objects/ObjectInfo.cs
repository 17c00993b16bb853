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
    string OriginRegion);
