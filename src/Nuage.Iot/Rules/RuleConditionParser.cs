using System.Globalization;
using System.Text;
using System.Text.Json;
using Nuage.Iam;

namespace Nuage.Iot.Rules;

/// <summary>
/// Parses a rule condition (docs/iot-rules.md "Conditions"), a small subset of an AWS IoT SQL WHERE clause:
/// <code>
/// condition  := or
/// or         := and ("OR" and)*
/// and        := unary ("AND" unary)*
/// unary      := "NOT" unary | "(" or ")" | comparison
/// comparison := field op literal
/// field      := name ("." name)*          name := [A-Za-z_][A-Za-z0-9_]*
/// op         := "=" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
/// literal    := number | 'text' ('' inside for a quote) | true | false
/// </code>
/// Keywords are case-insensitive. Anything else is refused with InvalidInput naming the position.
/// </summary>
public static class RuleConditionParser
{
    public const int MaxLength = 1024;
    private const int MaxDepth = 32;

    public static RuleCondition Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw Error($"The condition is longer than {MaxLength} characters.");
        }

        var parser = new Parser(text);
        var condition = parser.Or(0);
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Fail("expected AND, OR or the end of the condition");
        }

        return condition;
    }

    private static IamException Error(string message) => new(IamErrorCode.InvalidInput, message);

    private sealed class Parser(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public RuleCondition Or(int depth)
        {
            var left = And(depth);
            while (Keyword("OR"))
            {
                left = new RuleCondition.Or(left, And(depth));
            }

            return left;
        }

        private RuleCondition And(int depth)
        {
            var left = Unary(depth);
            while (Keyword("AND"))
            {
                left = new RuleCondition.And(left, Unary(depth));
            }

            return left;
        }

        private RuleCondition Unary(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Fail($"the condition nests deeper than {MaxDepth}");
            }

            if (Keyword("NOT"))
            {
                return new RuleCondition.Not(Unary(depth + 1));
            }

            SkipSpace();
            if (Peek('('))
            {
                _at++;
                var inner = Or(depth + 1);
                SkipSpace();
                if (!Peek(')'))
                {
                    throw Fail("expected )");
                }

                _at++;
                return inner;
            }

            return Comparison();
        }

        private RuleCondition.Comparison Comparison()
        {
            var path = new List<string>();
            do
            {
                string name = Name();
                if (name.Length == 0 || char.IsAsciiDigit(name[0]))
                {
                    throw Fail("expected a field name");
                }

                path.Add(name);
            }
            while (TryChar('.'));

            if (path.Count == 1 && path[0].ToUpperInvariant() is "AND" or "OR" or "NOT" or "TRUE" or "FALSE")
            {
                throw Fail($"{path[0]} is a keyword, not a field name");
            }

            SkipSpace();
            string op = Operator();
            SkipSpace();
            return new RuleCondition.Comparison([.. path], op, Literal());
        }

        private string Operator()
        {
            foreach (string candidate in new[] { "<=", ">=", "!=", "<>", "=", "<", ">" })
            {
                if (string.CompareOrdinal(text, _at, candidate, 0, candidate.Length) == 0)
                {
                    _at += candidate.Length;
                    return candidate == "<>" ? "!=" : candidate;
                }
            }

            throw Fail("expected a comparison operator (=, !=, <>, <, <=, >, >=)");
        }

        private JsonElement Literal()
        {
            if (Peek('\''))
            {
                var value = new StringBuilder();
                _at++;
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Fail("the text literal has no closing quote");
                    }

                    char c = text[_at++];
                    if (c == '\'')
                    {
                        if (!Peek('\''))
                        {
                            break;
                        }

                        _at++;
                    }

                    value.Append(c);
                }

                return JsonSerializer.SerializeToElement(value.ToString());
            }

            int start = _at;
            if (Peek('-') || Peek('+'))
            {
                _at++;
            }

            while (!AtEnd && (char.IsAsciiDigit(text[_at]) || text[_at] is '.' or 'e' or 'E' || (text[_at] is '-' or '+' && text[_at - 1] is 'e' or 'E')))
            {
                _at++;
            }

            string number = text[start.._at];
            if (number.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && double.IsFinite(parsed))
            {
                return JsonSerializer.SerializeToElement(parsed);
            }

            _at = start;
            string word = Name();
            return word.ToUpperInvariant() switch
            {
                "TRUE" => JsonSerializer.SerializeToElement(true),
                "FALSE" => JsonSerializer.SerializeToElement(false),
                _ => throw Fail("expected a number, a 'text' literal, true or false"),
            };
        }

        private string Name()
        {
            int start = _at;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_'))
            {
                _at++;
            }

            return text[start.._at];
        }

        private bool Keyword(string keyword)
        {
            SkipSpace();
            int end = _at + keyword.Length;
            if (end <= text.Length && string.Compare(text, _at, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (end == text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')))
            {
                _at = end;
                return true;
            }

            return false;
        }

        private bool TryChar(char c)
        {
            if (Peek(c))
            {
                _at++;
                return true;
            }

            return false;
        }

        private bool Peek(char c) => !AtEnd && text[_at] == c;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public IamException Fail(string what) =>
            Error($"The condition is not valid at character {_at + 1}: {what} (docs/iot-rules.md \"Conditions\").");
    }
}
