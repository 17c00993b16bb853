namespace Nuage.Storage.Objects;

/// <summary>
/// One page of a listing. Keys compare in UTF-8 byte order. <see cref="StartAfter"/> is exclusive: a listing
/// resumes after it, and when a delimiter is set, keys that roll up into a common prefix that sorts at or before
/// StartAfter are skipped (so a NextMarker that is a common prefix resumes after that whole prefix).
/// </summary>
public sealed record ListObjectsRequest(string Bucket, string Prefix, string? Delimiter, string? StartAfter, int MaxKeys);
