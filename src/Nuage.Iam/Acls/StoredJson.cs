using System.Text;
using System.Text.Json;

namespace Nuage.Iam.Acls;

/// <summary>
/// The versioned JSON envelope of the ACL-family records kept in the metadata store: {"version":N, ...}. Persisted
/// formats carry a version so a later shape is an addition with a reader for the old one (STYLE.md §4).
/// A stored text that cannot be read is a <see cref="FormatException"/>: corruption or a newer writer, never the
/// client's fault.
/// </summary>
internal static class StoredJson
{
    public static string Write(int version, Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", version);
            writeBody(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static T Read<T>(string json, string what, int version, Func<JsonElement, T> readBody)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var v)
                || !v.TryGetInt32(out var found))
            {
                throw new FormatException($"Stored {what} has no version.");
            }

            if (found != version)
            {
                throw new FormatException($"Stored {what} has version {found}; this build reads version {version}.");
            }

            return readBody(root);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException or AclException)
        {
            throw new FormatException($"Stored {what} is not readable: {e.Message}", e);
        }
    }

    public static string RequiredString(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new FormatException($"\"{name}\" is null.");

    public static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
