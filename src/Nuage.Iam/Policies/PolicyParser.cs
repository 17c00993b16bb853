using System.Text.Json;

namespace Nuage.Iam.Policies;

/// <summary>
/// Turns policy JSON into statements and refuses what AWS refuses ("IAM JSON policy element reference",
/// "IAM JSON policy grammar"). Element names are case-sensitive. The messages follow AWS's MalformedPolicy
/// (S3) and MalformedPolicyDocument (IAM) texts and add the offending value.
/// </summary>
internal static class PolicyParser
{
    public const string Version2012 = "2012-10-17";
    public const string Version2008 = "2008-10-17";

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    public static (string Version, string? Id, IReadOnlyList<PolicyStatement> Statements) Parse(string json, PolicyKind kind)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new MalformedPolicyException($"Syntax errors in policy. (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})", e);
        }

        using (document)
        {
            var version = Version2008;
            string? id = null;
            JsonElement? statement = null;
            foreach (var property in PolicyElementReader.Properties(document.RootElement, "Policy"))
            {
                switch (property.Name)
                {
                    case "Version":
                        version = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                        if (version is not (Version2012 or Version2008))
                        {
                            throw new MalformedPolicyException($"Invalid policy version {version}: must be {Version2012} or {Version2008}");
                        }

                        break;
                    case "Id":
                        id = property.Value.ValueKind == JsonValueKind.String
                            ? property.Value.GetString()
                            : throw new MalformedPolicyException("Field Id must be a string");
                        break;
                    case "Statement":
                        statement = property.Value;
                        break;
                    default:
                        throw new MalformedPolicyException($"Unknown field {property.Name}");
                }
            }

            if (statement is not { } statements)
            {
                throw new MalformedPolicyException("Missing required field Statement");
            }

            var items = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
            if (items.Count == 0)
            {
                throw new MalformedPolicyException("Missing required field Statement");
            }

            var parsed = items.Select(s => ParseStatement(s, kind)).ToList();
            CheckSids(parsed, kind);
            return (version, id, parsed);
        }
    }

    private static PolicyStatement ParseStatement(JsonElement element, PolicyKind kind)
    {
        string? sid = null;
        PolicyEffect? effect = null;
        IReadOnlyList<string>? action = null, notAction = null, resource = null, notResource = null;
        PolicyPrincipalElement? principal = null, notPrincipal = null;
        IReadOnlyList<PolicyCondition> conditions = [];
        foreach (var property in PolicyElementReader.Properties(element, "Statement"))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "Sid":
                    sid = value.ValueKind == JsonValueKind.String ? value.GetString() : throw new MalformedPolicyException("Field Sid must be a string");
                    break;
                case "Effect":
                    effect = ParseEffect(value);
                    break;
                case "Action":
                    action = PolicyElementReader.StringOrArray(value, "Action");
                    break;
                case "NotAction":
                    notAction = PolicyElementReader.StringOrArray(value, "NotAction");
                    break;
                case "Resource":
                    resource = PolicyElementReader.StringOrArray(value, "Resource");
                    break;
                case "NotResource":
                    notResource = PolicyElementReader.StringOrArray(value, "NotResource");
                    break;
                case "Principal":
                    principal = PrincipalElementParser.Parse(value, "Principal");
                    break;
                case "NotPrincipal":
                    notPrincipal = PrincipalElementParser.Parse(value, "NotPrincipal");
                    break;
                case "Condition":
                    conditions = ConditionBlockParser.Parse(value);
                    break;
                default:
                    throw new MalformedPolicyException($"Unknown field {property.Name}");
            }
        }

        if (effect is null)
        {
            throw new MalformedPolicyException("Missing required field Effect");
        }

        CheckActions(action, notAction, kind);
        CheckResources(resource, notResource, kind);
        CheckPrincipals(principal, notPrincipal, kind);
        return new PolicyStatement(sid, effect.Value, action, notAction, resource, notResource, principal, notPrincipal, conditions);
    }

    private static PolicyEffect ParseEffect(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        return text switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            _ => throw new MalformedPolicyException($"Invalid effect: {text}"),
        };
    }

    private static void CheckActions(IReadOnlyList<string>? action, IReadOnlyList<string>? notAction, PolicyKind kind)
    {
        var actions = RequireOneOf(action, notAction, "Action");
        foreach (var name in actions)
        {
            if (!ActionCatalog.IsValid(name, out var service))
            {
                throw new MalformedPolicyException($"Policy has invalid action: {name}");
            }

            // A bucket policy can only govern S3 (S3's PutBucketPolicy refuses other services' actions).
            if (kind == PolicyKind.Resource && service is not (null or "s3"))
            {
                throw new MalformedPolicyException($"Policy has invalid action: {name}");
            }

            if (kind == PolicyKind.Trust && !ActionCatalog.IsTrustAction(name))
            {
                throw new MalformedPolicyException($"AssumeRole policy may only specify STS AssumeRole actions: {name}");
            }
        }
    }

    private static void CheckResources(IReadOnlyList<string>? resource, IReadOnlyList<string>? notResource, PolicyKind kind)
    {
        if (kind == PolicyKind.Trust)
        {
            // The role is the resource of its own trust policy ("Roles terms and concepts").
            if (resource is not null || notResource is not null)
            {
                throw new MalformedPolicyException($"Has prohibited field {(resource is not null ? "Resource" : "NotResource")}");
            }

            return;
        }

        foreach (var value in RequireOneOf(resource, notResource, "Resource"))
        {
            if (!ArnMatcher.IsValidResource(value, out _))
            {
                throw new MalformedPolicyException($"Policy has invalid resource: {value}");
            }
        }
    }

    private static void CheckPrincipals(PolicyPrincipalElement? principal, PolicyPrincipalElement? notPrincipal, PolicyKind kind)
    {
        if (kind is PolicyKind.Identity or PolicyKind.Session)
        {
            // IAM: "Policy document should not specify a principal." An identity policy's principal is its holder.
            if (principal is not null || notPrincipal is not null)
            {
                throw new MalformedPolicyException($"Has prohibited field {(principal is not null ? "Principal" : "NotPrincipal")}");
            }

            return;
        }

        RequireOneOf(principal, notPrincipal, "Principal");
    }

    private static T RequireOneOf<T>(T? element, T? notElement, string name)
        where T : class
    {
        if (element is not null && notElement is not null)
        {
            throw new MalformedPolicyException($"Statement cannot have both {name} and Not{name}");
        }

        return element ?? notElement ?? throw new MalformedPolicyException($"Missing required field {name}");
    }

    // IAM refuses a Sid that is not alphanumeric in identity policies and any repeated Sid; S3 allows any text.
    private static void CheckSids(IReadOnlyList<PolicyStatement> statements, PolicyKind kind)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sid in statements.Select(s => s.Sid).OfType<string>())
        {
            if (kind is PolicyKind.Identity or PolicyKind.Session && !sid.All(char.IsAsciiLetterOrDigit))
            {
                throw new MalformedPolicyException($"Statement IDs (SID) must be alpha-numeric: {sid}");
            }

            if (sid.Length > 0 && !seen.Add(sid))
            {
                throw new MalformedPolicyException($"Statement IDs (SID) in a single policy must be unique: {sid}");
            }
        }
    }
}
