namespace Nuage.Iam.Policies;

/// <summary>
/// A pattern where only some '*' and '?' characters are wildcards: a policy variable's value and the escapes
/// ${*} ${?} ${$} are literal text ("IAM policy elements: Variables and tags", special characters), so the
/// pattern keeps a mask of which positions are wildcards.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly bool[] _wildcard;

    private WildcardPattern(string text, bool[] wildcard)
    {
        Text = text;
        _wildcard = wildcard;
    }

    /// <summary>The text with variables substituted (a wildcard and its literal twin look alike here).</summary>
    public string Text { get; }

    public bool HasWildcards => _hasWildcards ??= Array.IndexOf(_wildcard, true) >= 0;

    /// <summary>How many characters come before the first wildcard (the whole text when there is none).</summary>
    public int LiteralPrefixLength => Array.IndexOf(_wildcard, true) is var first and >= 0 ? first : Text.Length;

    private bool? _hasWildcards;

    /// <summary>Every '*' and '?' is a wildcard: a pattern with no variables (or a 2008-10-17 policy).</summary>
    public static WildcardPattern FromPlain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mask = new bool[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            mask[i] = text[i] is '*' or '?';
        }

        return new WildcardPattern(text, mask);
    }

    public static WildcardPattern FromParts(IReadOnlyList<(string Text, bool Wildcards)> parts)
    {
        var text = new System.Text.StringBuilder();
        var mask = new List<bool>();
        foreach (var (part, wildcards) in parts)
        {
            text.Append(part);
            mask.AddRange(part.Select(c => wildcards && c is '*' or '?'));
        }

        return new WildcardPattern(text.ToString(), mask.ToArray());
    }

    /// <summary>Splits at the first <paramref name="maxSeparators"/> occurrences of a literal character.</summary>
    public IReadOnlyList<WildcardPattern> Split(char separator, int maxSeparators)
    {
        var result = new List<WildcardPattern>();
        var start = 0;
        for (var i = 0; i < Text.Length && result.Count < maxSeparators; i++)
        {
            if (Text[i] == separator && !_wildcard[i])
            {
                result.Add(Slice(start, i - start));
                start = i + 1;
            }
        }

        result.Add(Slice(start, Text.Length - start));
        return result;
    }

    /// <summary>Glob match: '*' any run of characters (also empty), '?' exactly one character.</summary>
    public bool Matches(string input, bool ignoreCase)
    {
        if (!HasWildcards)
        {
            // Most ARN parts ("arn", "aws", "s3", the empty region and account) are literal: one comparison.
            return string.Equals(Text, input, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        int p = 0, s = 0, starP = -1, starS = 0;
        while (s < input.Length)
        {
            if (p < Text.Length && _wildcard[p] && Text[p] == '*')
            {
                starP = p++;
                starS = s;
            }
            else if (p < Text.Length && ((_wildcard[p] && Text[p] == '?') || SameChar(Text[p], input[s], ignoreCase)))
            {
                p++;
                s++;
            }
            else if (starP >= 0)
            {
                // Backtrack: let the last '*' swallow one more character.
                p = starP + 1;
                s = ++starS;
            }
            else
            {
                return false;
            }
        }

        while (p < Text.Length && _wildcard[p] && Text[p] == '*')
        {
            p++;
        }

        return p == Text.Length;
    }

    private static bool SameChar(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));

    private WildcardPattern Slice(int start, int length) =>
        new(Text.Substring(start, length), _wildcard.AsSpan(start, length).ToArray());
}
