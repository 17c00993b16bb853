namespace Nuage.Metadata;

/// <summary>What ListObjectVersions returns per version or delete marker: no attributes and no data.</summary>
public sealed record ObjectVersionEntry(
    string Key,
    string VersionId,
    bool IsLatest,
    bool IsDeleteMarker,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string Owner,
    StoredChecksum? Checksum);
