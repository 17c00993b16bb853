using System.Text.Json;

namespace Nuage.Iam.Policies;

/// <summary>Reads the JSON shapes policy elements share: a string or an array of strings, objects without duplicate names.</summary>
internal static class PolicyElementReader
{
    /// <summary>"Action": "s3:GetObject" or ["s3:GetObject", "s3:PutObject"]; an empty array names nothing and is refused.</summary>
    public static IReadOnlyList<string> StringOrArray(JsonElement element, string field)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [element.GetString()!];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            throw new MalformedPolicyException($"Field {field} must be a string or a non-empty array of strings");
        }

        var values = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new MalformedPolicyException($"Field {field} must be a string or a non-empty array of strings");
            }

            values.Add(item.GetString()!);
        }

        return values;
    }

    /// <summary>Condition values may be strings, numbers or booleans, alone or in an array; they are kept as text.</summary>
    public static IReadOnlyList<string> ConditionValues(JsonElement element, string op, string key)
    {
        var items = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [element];
        if (items.Count == 0)
        {
            throw new MalformedPolicyException($"Invalid Condition value for {op} {key}: an empty list");
        }

        return items.Select(item => item.ValueKind switch
        {
            JsonValueKind.String => item.GetString()!,
            JsonValueKind.Number => item.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new MalformedPolicyException($"Invalid Condition value for {op} {key}: {item.GetRawText()}"),
        }).ToList();
    }

    /// <summary>The object's properties; JSON allows a name twice but a policy must not (AWS rejects it too).</summary>
    public static IReadOnlyList<JsonProperty> Properties(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPolicyException($"{what} must be a JSON object");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new MalformedPolicyException($"Duplicate field {property.Name} in {what}");
            }

            properties.Add(property);
        }

        return properties;
    }
}
