using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Nuage.IamApi.Errors;

namespace Nuage.IamApi.Protocol;

/// <summary>
/// One AWS query-protocol request ("Making query requests"): Action, Version and the action's parameters, from the
/// form-urlencoded body (POST, what the SDKs send) and the query string (GET), merged. Lists arrive as
/// Name.member.N; only scalar parameters are read here, typed by the handler through the accessors.
/// </summary>
public sealed class QueryRequest
{
    private readonly Dictionary<string, string> _parameters;

    private QueryRequest(Dictionary<string, string> parameters) => _parameters = parameters;

    public string Action => Get("Action") ?? throw new QueryApiException(QueryError.MissingAction, "Could not find operation: the request has no Action.");

    public string? Version => Get("Version");

    /// <summary>Parses the query string and a form body; a parameter given twice is InvalidParameterValue rather than a guess.</summary>
    public static QueryRequest Parse(string? queryString, ReadOnlySpan<byte> formBody)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(parameters, queryString ?? string.Empty);
        string body;
        try
        {
            body = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(formBody);
        }
        catch (DecoderFallbackException)
        {
            throw new QueryApiException(QueryError.MalformedQueryString, "The request body is not UTF-8 form data.");
        }

        Add(parameters, body);
        return new QueryRequest(parameters);
    }

    public string? Get(string name) => _parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>A required parameter; missing or empty is IAM's ValidationError naming it, as IAM words it.</summary>
    public string Require(string name) =>
        Get(name) is { Length: > 0 } value
            ? value
            : throw new QueryApiException(
                QueryError.ValidationError,
                $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    /// <summary>A list parameter, Name.member.1, Name.member.2, ... in order; empty when absent.</summary>
    public IReadOnlyList<string> GetList(string name)
    {
        var items = new List<string>();
        while (Get(string.Create(CultureInfo.InvariantCulture, $"{name}.member.{items.Count + 1}")) is { } item)
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>
    /// A list of key/value structures, Name.member.N.Key and Name.member.N.Value (IAM's Tags); a member with a key
    /// and no value has the empty value, as IAM reads an omitted tag value.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetPairs(string name)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        while (true)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{name}.member.{pairs.Count + 1}.");
            var key = Get(prefix + "Key");
            var value = Get(prefix + "Value");
            if (key is null && value is null)
            {
                return pairs;
            }

            pairs.Add(new(key ?? "", value ?? ""));
        }
    }

    public int? GetInt(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new QueryApiException(QueryError.ValidationError, $"Value '{text}' at '{name}' is not an integer.");
    }

    public bool GetBool(string name, bool defaultValue) => Get(name) switch
    {
        null => defaultValue,
        var text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var text => throw new QueryApiException(QueryError.ValidationError, $"Value '{text}' at '{name}' is not a boolean."),
    };

    private static void Add(Dictionary<string, string> parameters, string encoded)
    {
        if (encoded.Length == 0 || encoded == "?")
        {
            return;
        }

        foreach (var pair in new QueryStringEnumerable(encoded))
        {
            var name = pair.DecodeName().ToString();
            if (name.Length == 0)
            {
                continue;
            }

            if (!parameters.TryAdd(name, pair.DecodeValue().ToString()))
            {
                throw new QueryApiException(QueryError.InvalidParameterValue, $"The parameter {name} is given more than once.");
            }
        }
    }
}
