using Nuage.Metadata;

namespace Nuage.Storage.Replication;

/// <summary>
/// Everything of one source version that crosses to the destination region besides its bytes (issue 17: "keeping
/// version id, last-modified time, metadata, tags, checksums and retention"): sent as JSON beside the body by the
/// replication worker and written as it is by <see cref="ReplicaService"/>. A delete marker has no body, size 0.
/// </summary>
public sealed record ReplicaVersion(
    string Key,
    string VersionId,
    DateTimeOffset LastModified,
    string OriginRegion,
    bool IsDeleteMarker,
    long Size,
    string ETag,
    StoredAttributes Attributes,
    StoredChecksum? Checksum,
    int? PartsCount,
    string? Tags,
    ObjectLockRow? Retention);
