namespace Nuage.Iam.Policies;

/// <summary>
/// A parsed condition operator name such as "ForAllValues:StringNotLikeIfExists" ("IAM JSON policy elements:
/// Condition operators" and "Set operators for multivalued context keys"). The name is case-sensitive, as AWS
/// writes it; an unknown name makes the policy malformed ("Invalid Condition type : X").
/// </summary>
internal sealed record ConditionOperator(
    string Name,
    ConditionOperator.Families Family,
    ConditionOperator.Comparisons Comparison,
    bool Negated,
    bool IfExists,
    ConditionOperator.SetQualifiers Set)
{
    internal enum Families { String, Numeric, Date, Bool, Binary, IpAddress, Arn, Null }

    internal enum Comparisons { Equals, EqualsIgnoreCase, Like, LessThan, LessThanEquals, GreaterThan, GreaterThanEquals }

    internal enum SetQualifiers { None, ForAnyValue, ForAllValues }

    private static readonly Dictionary<string, (Families Family, Comparisons Comparison, bool Negated)> Operators = Build();

    /// <summary>Policy variables are substituted only in String and ARN operators' values (condition operator doc).</summary>
    public bool SupportsVariables => Family is Families.String or Families.Arn;

    public static ConditionOperator Parse(string name)
    {
        var rest = name;
        var set = SetQualifiers.None;
        if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            set = SetQualifiers.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            set = SetQualifiers.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }

        var ifExists = false;
        if (rest.EndsWith("IfExists", StringComparison.Ordinal))
        {
            ifExists = true;
            rest = rest[..^"IfExists".Length];
        }

        if (!Operators.TryGetValue(rest, out var op) || (ifExists && op.Family == Families.Null))
        {
            // AWS: "You can add IfExists to the end of any condition operator name except the Null condition".
            throw new MalformedPolicyException($"Invalid Condition type : {name}");
        }

        return new ConditionOperator(name, op.Family, op.Comparison, op.Negated, ifExists, set);
    }

    private static Dictionary<string, (Families, Comparisons, bool)> Build()
    {
        var table = new Dictionary<string, (Families, Comparisons, bool)>(StringComparer.Ordinal)
        {
            ["StringEquals"] = (Families.String, Comparisons.Equals, false),
            ["StringNotEquals"] = (Families.String, Comparisons.Equals, true),
            ["StringEqualsIgnoreCase"] = (Families.String, Comparisons.EqualsIgnoreCase, false),
            ["StringNotEqualsIgnoreCase"] = (Families.String, Comparisons.EqualsIgnoreCase, true),
            ["StringLike"] = (Families.String, Comparisons.Like, false),
            ["StringNotLike"] = (Families.String, Comparisons.Like, true),
            ["Bool"] = (Families.Bool, Comparisons.Equals, false),
            ["BinaryEquals"] = (Families.Binary, Comparisons.Equals, false),
            ["IpAddress"] = (Families.IpAddress, Comparisons.Equals, false),
            ["NotIpAddress"] = (Families.IpAddress, Comparisons.Equals, true),
            ["ArnEquals"] = (Families.Arn, Comparisons.Like, false),
            ["ArnLike"] = (Families.Arn, Comparisons.Like, false),
            ["ArnNotEquals"] = (Families.Arn, Comparisons.Like, true),
            ["ArnNotLike"] = (Families.Arn, Comparisons.Like, true),
            ["Null"] = (Families.Null, Comparisons.Equals, false),
        };
        foreach (var (prefix, family) in new[] { ("Numeric", Families.Numeric), ("Date", Families.Date) })
        {
            table[prefix + "Equals"] = (family, Comparisons.Equals, false);
            table[prefix + "NotEquals"] = (family, Comparisons.Equals, true);
            table[prefix + "LessThan"] = (family, Comparisons.LessThan, false);
            table[prefix + "LessThanEquals"] = (family, Comparisons.LessThanEquals, false);
            table[prefix + "GreaterThan"] = (family, Comparisons.GreaterThan, false);
            table[prefix + "GreaterThanEquals"] = (family, Comparisons.GreaterThanEquals, false);
        }

        return table;
    }
}
