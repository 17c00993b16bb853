namespace Nuage.Iam.Policies;

/// <summary>
/// Decides one condition against the request context ("IAM JSON policy elements: Condition operators", "Set
/// operators for multivalued context keys").
/// <list type="bullet">
/// <item>A missing key makes a condition false, except that a negated operator (StringNotEquals, NotIpAddress,
/// ArnNotLike, ...) is then true, ...IfExists is true, ForAllValues is true and ForAnyValue is false.</item>
/// <item>Null tests presence alone: "true" means the key is absent.</item>
/// <item>The policy's values are ORed; a negated operator is true when no value matches (NOR).</item>
/// <item>Without a set qualifier a multivalued request key matches when any of its values does (negated: none).</item>
/// </list>
/// </summary>
internal static class ConditionEvaluator
{
    public static bool Evaluate(PolicyCondition condition, PolicyRequest request, bool substituteVariables)
    {
        var op = condition.Parsed;
        var values = request.GetContextValues(condition.Key);
        if (op.Family == ConditionOperator.Families.Null)
        {
            var absent = values.Count == 0;
            return condition.Values.Any(v => bool.Parse(v) == absent);
        }

        if (values.Count == 0)
        {
            return op.IfExists || op.Set switch
            {
                ConditionOperator.SetQualifiers.ForAllValues => true,
                ConditionOperator.SetQualifiers.ForAnyValue => false,
                _ => op.Negated,
            };
        }

        var policyValues = ResolvePolicyValues(condition, request, substituteVariables);
        bool Single(string v) => op.Negated != policyValues.Any(p => Compare(op, v, p));
        return op.Set switch
        {
            ConditionOperator.SetQualifiers.ForAnyValue => values.Any(Single),
            ConditionOperator.SetQualifiers.ForAllValues => values.All(Single),
            _ => op.Negated ? values.All(Single) : values.Any(Single),
        };
    }

    // A value whose variable has no value is dropped: it can match nothing ("Policy variables with no value").
    private static List<WildcardPattern> ResolvePolicyValues(PolicyCondition condition, PolicyRequest request, bool substitute)
    {
        var resolved = new List<WildcardPattern>(condition.Values.Count);
        foreach (var value in condition.Values)
        {
            var pattern = condition.Parsed.SupportsVariables
                ? PolicyVariables.Resolve(value, request, substitute)
                : WildcardPattern.FromPlain(value);
            if (pattern is not null)
            {
                resolved.Add(pattern);
            }
        }

        return resolved;
    }

    private static bool Compare(ConditionOperator op, string actual, WildcardPattern expected) => op.Family switch
    {
        ConditionOperator.Families.String => op.Comparison switch
        {
            ConditionOperator.Comparisons.Equals => string.Equals(actual, expected.Text, StringComparison.Ordinal),
            ConditionOperator.Comparisons.EqualsIgnoreCase => string.Equals(actual, expected.Text, StringComparison.OrdinalIgnoreCase),
            _ => expected.Matches(actual, ignoreCase: false),
        },
        ConditionOperator.Families.Arn => ArnMatcher.Matches(expected, actual),
        ConditionOperator.Families.Bool => string.Equals(actual, expected.Text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.Families.Binary =>
            ConditionValues.TryBase64(actual, out var a) && ConditionValues.TryBase64(expected.Text, out var b) && a.AsSpan().SequenceEqual(b),
        ConditionOperator.Families.IpAddress => ConditionValues.InCidr(actual, expected.Text),
        ConditionOperator.Families.Numeric =>
            ConditionValues.TryNumber(actual, out var x) && ConditionValues.TryNumber(expected.Text, out var y) && Ordered(op.Comparison, x.CompareTo(y)),
        ConditionOperator.Families.Date =>
            ConditionValues.TryDate(actual, out var d) && ConditionValues.TryDate(expected.Text, out var e) && Ordered(op.Comparison, d.CompareTo(e)),
        _ => false,
    };

    private static bool Ordered(ConditionOperator.Comparisons comparison, int order) => comparison switch
    {
        ConditionOperator.Comparisons.Equals => order == 0,
        ConditionOperator.Comparisons.LessThan => order < 0,
        ConditionOperator.Comparisons.LessThanEquals => order <= 0,
        ConditionOperator.Comparisons.GreaterThan => order > 0,
        ConditionOperator.Comparisons.GreaterThanEquals => order >= 0,
        _ => false,
    };
}
