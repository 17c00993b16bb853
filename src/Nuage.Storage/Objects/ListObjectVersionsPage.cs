namespace Nuage.Storage.Objects;

/// <summary>
/// Versions, delete markers and common prefixes of one ListObjectVersions page (together at most MaxKeys entries).
/// When truncated, NextKeyMarker / NextVersionIdMarker name where the next page resumes (the version id is null when
/// the page ended on a common prefix).
/// </summary>
public sealed record ListObjectVersionsPage(
    IReadOnlyList<ObjectVersionSummary> Versions,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextKeyMarker,
    string? NextVersionIdMarker);
