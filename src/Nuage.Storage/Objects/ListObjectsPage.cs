namespace Nuage.Storage.Objects;

/// <summary>
/// Objects and common prefixes of one page, each in byte order (together at most MaxKeys entries).
/// LastEntry is the greatest key or common prefix returned: the marker from which the next page continues.
/// </summary>
public sealed record ListObjectsPage(
    IReadOnlyList<ObjectInfo> Objects,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? LastEntry);
