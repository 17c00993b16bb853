using System.Text.Json;

namespace Nuage.Iam.Policies;

/// <summary>
/// Parses a Condition block: { operator: { key: value-or-values } } ("IAM JSON policy elements: Condition").
/// Values of operators that take no variables are checked here, so a policy that could never match as written
/// ("NumericLessThan": "ten") is refused instead of silently denying.
/// </summary>
internal static class ConditionBlockParser
{
    public static IReadOnlyList<PolicyCondition> Parse(JsonElement element)
    {
        var conditions = new List<PolicyCondition>();
        foreach (var opProperty in PolicyElementReader.Properties(element, "Condition"))
        {
            var op = ConditionOperator.Parse(opProperty.Name);
            var keys = PolicyElementReader.Properties(opProperty.Value, $"Condition {op.Name}");
            if (keys.Count == 0)
            {
                throw new MalformedPolicyException($"Condition {op.Name} has no keys");
            }

            foreach (var keyProperty in keys)
            {
                if (keyProperty.Name.Length == 0)
                {
                    throw new MalformedPolicyException($"Policy has an invalid condition key: empty key under {op.Name}");
                }

                var values = PolicyElementReader.ConditionValues(keyProperty.Value, op.Name, keyProperty.Name);
                var bad = values.FirstOrDefault(v => !ConditionValues.IsValidPolicyValue(op.Family, v));
                if (bad is not null)
                {
                    throw new MalformedPolicyException($"Invalid Condition value for {op.Name} {keyProperty.Name}: {bad}");
                }

                conditions.Add(new PolicyCondition(op, keyProperty.Name, values));
            }
        }

        return conditions;
    }
}
