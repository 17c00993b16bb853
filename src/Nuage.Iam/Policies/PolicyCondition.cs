namespace Nuage.Iam.Policies;

/// <summary>
/// One operator/key pair of a Condition block with its values. Values were strings, numbers or booleans in the
/// JSON; they are kept as their text. Several values are ORed (NORed for a negated operator); several conditions
/// of one statement are ANDed ("Conditions with multiple context keys or values").
/// </summary>
public sealed class PolicyCondition
{
    internal PolicyCondition(ConditionOperator op, string key, IReadOnlyList<string> values)
    {
        Parsed = op;
        Key = key;
        Values = values;
    }

    /// <summary>The operator as written, e.g. "ForAnyValue:StringLikeIfExists".</summary>
    public string Operator => Parsed.Name;

    /// <summary>The context key; matched case-insensitively against the request context.</summary>
    public string Key { get; }

    public IReadOnlyList<string> Values { get; }

    internal ConditionOperator Parsed { get; }
}
