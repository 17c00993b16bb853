using System.Text.Json;

namespace Nuage.Iot.Rules;

/// <summary>
/// A parsed rule condition (docs/iot-rules.md "Conditions"): a tree of AND, OR, NOT and comparisons of a payload
/// field with a literal. Evaluated against the message's JSON payload; a payload that is not a JSON object, a
/// missing field or a field of another type than the literal makes a comparison false (as a WHERE clause of AWS IoT
/// SQL treats Undefined: the message is not matched).
/// </summary>
public abstract class RuleCondition
{
    public abstract bool Matches(JsonElement payload);

    internal sealed class And(RuleCondition left, RuleCondition right) : RuleCondition
    {
        public override bool Matches(JsonElement payload) => left.Matches(payload) && right.Matches(payload);
    }

    internal sealed class Or(RuleCondition left, RuleCondition right) : RuleCondition
    {
        public override bool Matches(JsonElement payload) => left.Matches(payload) || right.Matches(payload);
    }

    internal sealed class Not(RuleCondition inner) : RuleCondition
    {
        public override bool Matches(JsonElement payload) => !inner.Matches(payload);
    }

    internal sealed class Comparison(string[] path, string op, JsonElement literal) : RuleCondition
    {
        public override bool Matches(JsonElement payload)
        {
            var value = payload;
            foreach (string name in path)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }

            int? order = (value.ValueKind, literal.ValueKind) switch
            {
                (JsonValueKind.Number, JsonValueKind.Number) => value.GetDouble().CompareTo(literal.GetDouble()),
                (JsonValueKind.String, JsonValueKind.String) => string.CompareOrdinal(value.GetString(), literal.GetString()),
                (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) when op is "=" or "!=" =>
                    value.ValueKind == literal.ValueKind ? 0 : 1,
                _ => null,
            };
            return order is { } c && op switch
            {
                "=" => c == 0,
                "!=" => c != 0,
                "<" => c < 0,
                "<=" => c <= 0,
                ">" => c > 0,
                _ => c >= 0,
            };
        }
    }
}
