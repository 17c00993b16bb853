namespace Nuage.Storage.Objects;

/// <summary>
/// What a client stores beside the bytes and gets back on GET/HEAD: the standard representation headers and the
/// x-amz-meta-* user metadata (keys lower-cased, without the prefix).
/// </summary>
public sealed record ObjectAttributes(
    string? ContentType,
    string? ContentEncoding,
    string? ContentDisposition,
    string? ContentLanguage,
    string? CacheControl,
    string? Expires,
    IReadOnlyDictionary<string, string> UserMetadata)
{
    public static ObjectAttributes Empty { get; } =
        new(null, null, null, null, null, null, new Dictionary<string, string>());
}
