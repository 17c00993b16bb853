namespace Nuage.Metadata.Core;

using System.Text;
using System.Text.Json;

/// <summary>
/// The stored form of <see cref="StoredAttributes"/>: seven nullable text columns (content_type, content_encoding,
/// content_disposition, content_language, cache_control, expires, user_metadata), the last a JSON object of the
/// x-amz-meta-* pairs or NULL when there are none. Every engine binds and reads these columns in that order.
/// </summary>
public static class AttributesCodec
{
    /// <summary>The user_metadata column: a JSON object, or null when there is no user metadata.</summary>
    public static string? EncodeUserMetadata(StoredAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.UserMetadata.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in attributes.UserMetadata)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The attributes from the seven columns; all NULL reads as <see cref="StoredAttributes.Empty"/>.</summary>
    public static StoredAttributes Decode(
        string? contentType, string? contentEncoding, string? contentDisposition, string? contentLanguage,
        string? cacheControl, string? expires, string? userMetadata)
    {
        if (contentType is null && contentEncoding is null && contentDisposition is null && contentLanguage is null
            && cacheControl is null && expires is null && userMetadata is null)
        {
            return StoredAttributes.Empty;
        }

        return new StoredAttributes(
            contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires,
            userMetadata is null ? StoredAttributes.Empty.UserMetadata : DecodeUserMetadata(userMetadata));
    }

    private static Dictionary<string, string> DecodeUserMetadata(string json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            result[name] = reader.GetString() ?? string.Empty;
        }

        return result;
    }
}
