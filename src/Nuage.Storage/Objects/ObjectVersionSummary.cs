namespace Nuage.Storage.Objects;

/// <summary>One entry of ListObjectVersions: a version (with its size and ETag) or a delete marker (size 0, no ETag).</summary>
public sealed record ObjectVersionSummary(
    string Key,
    string VersionId,
    bool IsLatest,
    bool IsDeleteMarker,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string Owner,
    ObjectChecksum? Checksum);
