namespace Nuage.Metadata;

/// <summary>A page of unfinished uploads and common prefixes.</summary>
public sealed record UploadListing(
    IReadOnlyList<UploadRow> Uploads,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextKeyMarker,
    string? NextUploadIdMarker);
