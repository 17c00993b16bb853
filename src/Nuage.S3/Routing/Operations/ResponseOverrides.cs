namespace Nuage.S3.Routing.Operations;

/// <summary>
/// The response-* query parameters of GetObject and HeadObject, which replace a stored header in the answer
/// ("GetObject", "Overriding response header values through the request").
/// </summary>
public sealed record ResponseOverrides(
    string? ContentType,
    string? ContentLanguage,
    string? Expires,
    string? CacheControl,
    string? ContentDisposition,
    string? ContentEncoding)
{
    public static readonly ResponseOverrides None = new(null, null, null, null, null, null);
}
