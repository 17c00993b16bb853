namespace Nuage.Metadata;

/// <summary>
/// A ListObjectVersions page. When truncated, the next page starts after NextKeyMarker / NextVersionIdMarker:
/// the last version returned, or the last common prefix (then NextVersionIdMarker is null).
/// </summary>
public sealed record ObjectVersionListing(
    IReadOnlyList<ObjectVersionEntry> Versions,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextKeyMarker,
    string? NextVersionIdMarker);
