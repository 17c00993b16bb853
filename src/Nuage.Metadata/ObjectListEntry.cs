namespace Nuage.Metadata;

/// <summary>What a listing returns per object: no attributes and no data, so a page stays an index walk.</summary>
public sealed record ObjectListEntry(
    string Key,
    string VersionId,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string Owner,
    StoredChecksum? Checksum);
