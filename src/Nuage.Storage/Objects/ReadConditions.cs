namespace Nuage.Storage.Objects;

/// <summary>
/// HTTP conditional-read headers (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since), also used for
/// the x-amz-copy-source-if-* headers of CopyObject and UploadPartCopy. ETags are compared without quotes.
/// </summary>
public sealed record ReadConditions(
    string? IfMatch,
    string? IfNoneMatch,
    DateTimeOffset? IfModifiedSince,
    DateTimeOffset? IfUnmodifiedSince)
{
    public static ReadConditions None { get; } = new(null, null, null, null);

    public bool IsEmpty => IfMatch is null && IfNoneMatch is null && IfModifiedSince is null && IfUnmodifiedSince is null;
}
