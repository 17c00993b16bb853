using Nuage.Iam;

namespace Nuage.Iot.Registry;

/// <summary>
/// The registry's input rules, AWS IoT's where it has them, so a name that works here works on AWS IoT and back.
/// Every refusal is an <see cref="IamException"/> with <see cref="IamErrorCode.InvalidInput"/>, which the admin API
/// answers as a 400 naming the field.
/// </summary>
public static class RegistryNames
{
    /// <summary>Thing, thing type and thing group names: [a-zA-Z0-9:_-], 1 to 128 characters (AWS IoT API reference, CreateThing thingName, CreateThingGroup thingGroupName).</summary>
    public const int MaxNameLength = 128;

    /// <summary>Attribute names: [a-zA-Z0-9_.,@/:#-], 1 to 128 characters (AWS IoT API reference, AttributePayload).</summary>
    public const int MaxAttributeNameLength = 128;

    /// <summary>Attribute values: [a-zA-Z0-9_.,@/:#=[]-], up to 800 characters (AttributePayload).</summary>
    public const int MaxAttributeValueLength = 800;

    /// <summary>A thing without a thing type has at most 3 attributes, one with a type up to 50 (AWS IoT Core quotas, "Thing attributes").</summary>
    public const int MaxAttributesWithoutType = 3;

    public const int MaxAttributesWithType = 50;

    /// <summary>Group descriptions: up to 2028 characters (CreateThingGroup, ThingGroupProperties.thingGroupDescription).</summary>
    public const int MaxDescriptionLength = 2028;

    /// <summary>Policy names: [\w+=,.@-], 1 to 128 characters (AWS IoT API reference, CreatePolicy policyName).</summary>
    public const int MaxPolicyNameLength = 128;

    public static void CheckThingName(string? name, string field = "thingName") => CheckName(name, field);

    public static void CheckGroupName(string? name) => CheckName(name, "thingGroupName");

    public static void CheckThingTypeName(string? name) => CheckName(name, "thingTypeName");

    public static void CheckPolicyName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxPolicyNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-'))
        {
            throw Invalid("policyName", $"must be 1 to {MaxPolicyNameLength} characters of letters, digits and _+=,.@- (got \"{name}\")");
        }
    }

    public static bool IsThingName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.All(IsNameCharacter);

    public static void CheckDescription(string? description)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            throw Invalid("description", $"must be at most {MaxDescriptionLength} characters");
        }
    }

    /// <summary>Checks every attribute and how many there are for a thing with or without a type.</summary>
    public static void CheckAttributes(IReadOnlyDictionary<string, string> attributes, bool hasThingType)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var limit = hasThingType ? MaxAttributesWithType : MaxAttributesWithoutType;
        if (attributes.Count > limit)
        {
            throw Invalid(
                "attributes",
                hasThingType
                    ? $"holds {attributes.Count} attributes; a thing has at most {MaxAttributesWithType}"
                    : $"holds {attributes.Count} attributes; a thing without a thing type has at most {MaxAttributesWithoutType} (give it a thingTypeName for up to {MaxAttributesWithType})");
        }

        foreach (var (key, value) in attributes)
        {
            if (key.Length is 0 or > MaxAttributeNameLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ',' or '@' or '/' or ':' or '#' or '-'))
            {
                throw Invalid("attributes", $"has the name \"{key}\": attribute names are 1 to {MaxAttributeNameLength} characters of letters, digits and _.,@/:#-");
            }

            if (value.Length > MaxAttributeValueLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ',' or '@' or '/' or ':' or '#' or '=' or '[' or ']' or '-'))
            {
                throw Invalid("attributes", $"has a bad value for \"{key}\": values are up to {MaxAttributeValueLength} characters of letters, digits and _.,@/:#=[]-");
            }
        }
    }

    private static void CheckName(string? name, string field)
    {
        if (!IsThingName(name))
        {
            throw Invalid(field, $"must be 1 to {MaxNameLength} characters of letters, digits, ':', '_' and '-' (got \"{name}\")");
        }
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-';

    private static IamException Invalid(string field, string what) => new(IamErrorCode.InvalidInput, $"The field \"{field}\" {what}.");
}
