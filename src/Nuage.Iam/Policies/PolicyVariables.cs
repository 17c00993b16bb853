using System.Text;

namespace Nuage.Iam.Policies;

/// <summary>
/// Substitutes policy variables ("IAM policy elements: Variables and tags"). Only Version 2012-10-17 policies have
/// variables; in 2008-10-17 "${aws:username}" is literal text. A variable names a context key (case-insensitive)
/// and may carry a default: ${aws:username, 'anonymous'} (a quote inside the default is doubled). ${*}, ${?} and
/// ${$} stand for the literal characters. A variable whose key is absent or multivalued, with no default, cannot be
/// resolved and the value holding it then matches nothing ("Policy variables with no value").
/// </summary>
internal static class PolicyVariables
{
    /// <returns>The resolved pattern, or null when a variable has no value.</returns>
    public static WildcardPattern? Resolve(string template, PolicyRequest request, bool substitute)
    {
        if (!substitute || !template.Contains("${", StringComparison.Ordinal))
        {
            return WildcardPattern.FromPlain(template);
        }

        var parts = new List<(string Text, bool Wildcards)>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] != '$' || i + 1 >= template.Length || template[i + 1] != '{')
            {
                literal.Append(template[i++]);
                continue;
            }

            if (!TryParseVariable(template, i, out var key, out var defaultValue, out var end))
            {
                return null;
            }

            parts.Add((literal.ToString(), true));
            literal.Clear();
            var value = Lookup(key, defaultValue, request);
            if (value is null)
            {
                return null;
            }

            parts.Add((value, false));
            i = end;
        }

        parts.Add((literal.ToString(), true));
        return WildcardPattern.FromParts(parts);
    }

    /// <summary>True when the text holds a "${" that a 2012-10-17 policy treats as a variable.</summary>
    public static bool HasVariables(string text) => text.Contains("${", StringComparison.Ordinal);

    private static string? Lookup(string key, string? defaultValue, PolicyRequest request)
    {
        switch (key)
        {
            case "*":
            case "?":
            case "$":
                return key;
        }

        var values = request.GetContextValues(key);
        return values.Count == 1 ? values[0] : defaultValue;
    }

    // Grammar: "${" spaces key spaces [ "," spaces "'" default "'" spaces ] "}". The key ends at ',', '}' or a space.
    private static bool TryParseVariable(string text, int start, out string key, out string? defaultValue, out int end)
    {
        key = "";
        defaultValue = null;
        end = start;
        var i = SkipSpaces(text, start + 2);
        var keyStart = i;
        while (i < text.Length && text[i] is not (',' or '}' or ' '))
        {
            i++;
        }

        key = text[keyStart..i];
        i = SkipSpaces(text, i);
        if (key.Length == 0 || i >= text.Length)
        {
            return false;
        }

        if (text[i] == ',')
        {
            i = SkipSpaces(text, i + 1);
            if (i >= text.Length || text[i] != '\'')
            {
                return false;
            }

            var value = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= text.Length)
                {
                    return false;
                }

                if (text[i] == '\'')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        value.Append('\'');
                        i += 2;
                        continue;
                    }

                    i++;
                    break;
                }

                value.Append(text[i++]);
            }

            defaultValue = value.ToString();
            i = SkipSpaces(text, i);
        }

        if (i >= text.Length || text[i] != '}')
        {
            return false;
        }

        end = i + 1;
        return true;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i;
    }
}
