namespace Nuage.Storage.Objects;

/// <summary>
/// One page of ListObjectVersions (AWS API reference): keys in UTF-8 byte order, each key's versions and delete
/// markers newest first. <see cref="KeyMarker"/> alone resumes after every version of that key; with
/// <see cref="VersionIdMarker"/>, after that version of it.
/// </summary>
public sealed record ListObjectVersionsRequest(
    string Bucket, string Prefix, string? Delimiter, string? KeyMarker, string? VersionIdMarker, int MaxKeys);
