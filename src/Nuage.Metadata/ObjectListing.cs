namespace Nuage.Metadata;

/// <summary>A listing page; LastEntry is the greatest key or common prefix returned.</summary>
public sealed record ObjectListing(
    IReadOnlyList<ObjectListEntry> Objects,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? LastEntry);
