using System.Text.Json;

namespace Nuage.Iam.Policies;

/// <summary>Parses a Principal / NotPrincipal element ("AWS JSON policy elements: Principal").</summary>
internal static class PrincipalElementParser
{
    public static PolicyPrincipalElement Parse(JsonElement element, string field)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            // The bare string form exists only as "*"; anything else must be keyed by its principal type.
            return element.GetString() == "*"
                ? new PolicyPrincipalElement(true, ["*"], [], [], [])
                : throw new MalformedPolicyException($"Invalid principal in policy: {element.GetString()}");
        }

        IReadOnlyList<string> aws = [], service = [], canonical = [], federated = [];
        var properties = PolicyElementReader.Properties(element, field);
        if (properties.Count == 0)
        {
            throw new MalformedPolicyException($"Invalid principal in policy: {field} is empty");
        }

        foreach (var property in properties)
        {
            var values = PolicyElementReader.StringOrArray(property.Value, $"{field}.{property.Name}");
            switch (property.Name)
            {
                case "AWS":
                    aws = values;
                    var bad = values.FirstOrDefault(v => !PrincipalMatcher.IsValidAws(v));
                    if (bad is not null)
                    {
                        throw new MalformedPolicyException($"Invalid principal in policy: {bad}");
                    }

                    break;
                case "Service":
                    service = values;
                    break;
                case "CanonicalUser":
                    canonical = values;
                    break;
                case "Federated":
                    federated = values;
                    break;
                default:
                    throw new MalformedPolicyException($"Invalid principal in policy: unknown principal type {property.Name}");
            }
        }

        return new PolicyPrincipalElement(aws.Contains("*"), aws, service, canonical, federated);
    }
}
