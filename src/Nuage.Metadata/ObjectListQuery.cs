namespace Nuage.Metadata;

/// <summary>
/// A listing page request. Keys compare in UTF-8 byte order. StartAfter is exclusive; with a delimiter, keys that
/// roll up into a common prefix sorting at or before StartAfter are skipped. MaxKeys bounds objects plus prefixes.
/// </summary>
public sealed record ObjectListQuery(string Bucket, string Prefix, string? Delimiter, string? StartAfter, int MaxKeys);
