namespace Nuage.Metadata;

/// <summary>Representation headers and user metadata persisted beside an object or an upload.</summary>
public sealed record StoredAttributes(
    string? ContentType,
    string? ContentEncoding,
    string? ContentDisposition,
    string? ContentLanguage,
    string? CacheControl,
    string? Expires,
    IReadOnlyDictionary<string, string> UserMetadata)
{
    public static StoredAttributes Empty { get; } =
        new(null, null, null, null, null, null, new Dictionary<string, string>());
}
