using Nuage.Metadata;

namespace Nuage.Storage.Replication;

/// <summary>
/// Everything of one source version that crosses to the destination region besides its bytes (issue 17: "keeping
/// version id, last-modified time, metadata, tags, checksums and retention"): sent as JSON beside the body by the
/// replication worker and written as it is by <see cref="ReplicaService"/>. A delete marker has no body, size 0.
/// <paramref name="PartSizes"/> and <paramref name="PartChecksums"/>: a multipart version's part boundaries and part
/// checksums (its manifest's), so the replica is stored with the same parts (<see cref="MultipartReplicaParts"/>);
/// null for other versions, and from a region that did not send them (the replica is then one part).
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
    ObjectLockRow? Retention,
    IReadOnlyList<long>? PartSizes = null,
    IReadOnlyList<string>? PartChecksums = null);
