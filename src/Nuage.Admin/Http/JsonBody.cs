using System.Text.Json;
using Nuage.Admin.Errors;

namespace Nuage.Admin.Http;

/// <summary>
/// A request body that must be a JSON object, read field by field so that each mistake gets a message naming the
/// field and what it should be (a generic deserializer's errors name CLR types instead), and never a 500.
/// </summary>
public sealed class JsonBody
{
    private readonly JsonElement _root;

    private JsonBody(JsonElement root) => _root = root;

    public static JsonBody Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            throw new AdminException(AdminError.MalformedJson, "The request body is empty; this endpoint takes a JSON object.");
        }

        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            root = JsonElement.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException("there is more after the JSON value");
            }
        }
        catch (JsonException e)
        {
            throw new AdminException(AdminError.MalformedJson, "The request body is not valid JSON: " + e.Message);
        }

        return root.ValueKind == JsonValueKind.Object
            ? new JsonBody(root)
            : throw new AdminException(AdminError.MalformedJson, $"The request body must be a JSON object, not {Describe(root.ValueKind)}.");
    }

    public bool Has(string name) => _root.TryGetProperty(name, out _);

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw Invalid(name, "is required (a string)");

    public string? OptionalString(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw Invalid(name, "must be a string"),
    };

    /// <summary>A whole number of 0 or more; null when absent or null.</summary>
    public long? OptionalWholeNumber(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var n) && n >= 0 => n,
        _ => throw Invalid(name, "must be a whole number of 0 or more"),
    };

    public bool? OptionalBool(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid(name, "must be true or false"),
    };

    /// <summary>A policy document given either as a JSON object or as a string holding one.</summary>
    public string RequiredDocument(string name) => Get(name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString()!,
        { ValueKind: JsonValueKind.Object } value => value.GetRawText(),
        null => throw Invalid(name, "is required (a policy document: a JSON object or a string)"),
        _ => throw Invalid(name, "must be a policy document (a JSON object or a string)"),
    };

    /// <summary>An object of string values (IoT thing attributes); null when absent or null.</summary>
    public IReadOnlyDictionary<string, string>? OptionalStringMap(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(name, "must be an object of string values");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw Invalid(name, $"must hold string values (\"{property.Name}\" is {Describe(property.Value.ValueKind)})");
        }

        return map;
    }

    /// <summary>The field's value; null when absent or JSON null.</summary>
    private JsonElement? Get(string name) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static AdminException Invalid(string name, string what) => new(AdminError.InvalidInput, $"The field \"{name}\" {what}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
