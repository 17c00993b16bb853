namespace Nuage.Metadata;

/// <summary>
/// A ListObjectVersions page request. Keys in UTF-8 byte order, each key's versions newest first. KeyMarker alone
/// starts after every version of that key; with VersionIdMarker, after that version of KeyMarker (AWS
/// ListObjectVersions "key-marker", "version-id-marker"). MaxKeys bounds versions, delete markers and prefixes.
/// </summary>
public sealed record ObjectVersionListQuery(
    string Bucket, string Prefix, string? Delimiter, string? KeyMarker, string? VersionIdMarker, int MaxKeys);
