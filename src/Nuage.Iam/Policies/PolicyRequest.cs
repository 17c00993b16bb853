using System.Globalization;

namespace Nuage.Iam.Policies;

/// <summary>
/// Everything a statement may read: the action, the resource, the principal and the request context keys
/// (AWS "The request context"). Context key names are case-insensitive; every key holds a list of values so a
/// multivalued key (s3:RequestObjectTagKeys, aws:TagKeys) needs no special case.
/// </summary>
/// <remarks>
/// The principal keys (aws:username, aws:userid, aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalType) are
/// derived from <see cref="Principal"/> and always overwrite what the caller passed: a client must never be able
/// to claim another identity through the context. aws:CurrentTime and aws:EpochTime default to the request time.
/// </remarks>
public sealed class PolicyRequest
{
    // Built on first use: most statements are decided by action and resource alone, and building the context
    // (principal keys, formatted times) for each request would cost more than evaluating them.
    private readonly IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>? _givenKeys;
    private Dictionary<string, IReadOnlyList<string>>? _contextCache;

    private Dictionary<string, IReadOnlyList<string>> _context => _contextCache ??= BuildContext();

    public PolicyRequest(
        string action,
        string resource,
        PolicyPrincipal principal,
        IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>? contextKeys = null,
        DateTimeOffset? requestTime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(principal);
        Action = action;
        Resource = resource;
        Principal = principal;
        RequestTime = requestTime ?? DateTimeOffset.UtcNow;
        _givenKeys = contextKeys;
    }

    private Dictionary<string, IReadOnlyList<string>> BuildContext()
    {
        var context = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in _givenKeys ?? [])
        {
            context[key] = values.ToArray();
        }

        _contextCache = context;
        AddTimeKeys();
        AddPrincipalKeys();
        return context;
    }

    /// <summary>The prefix of the aws:PrincipalTag/&lt;key&gt; condition keys.</summary>
    public const string PrincipalTagPrefix = "aws:PrincipalTag/";

    /// <summary>"service:Action", e.g. "s3:GetObject".</summary>
    public string Action { get; }

    /// <summary>The resource ARN, or "*" for an action that names no resource (s3:ListAllMyBuckets).</summary>
    public string Resource { get; }

    public PolicyPrincipal Principal { get; }

    public DateTimeOffset RequestTime { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ContextKeys => _context;

    /// <summary>A copy of this request with <paramref name="key"/> set to <paramref name="values"/>.</summary>
    public PolicyRequest WithContextKey(string key, params string[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var keys = _context.Where(kv => !string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).ToList();
        keys.Add(new(key, values));
        return new PolicyRequest(Action, Resource, Principal, keys, RequestTime);
    }

    /// <summary>The resource ARN split into its six parts (null when it is not one), computed once per request.</summary>
    internal string[]? ResourceParts
    {
        get
        {
            if (!_resourcePartsComputed)
            {
                var parts = Resource.Split(':', ArnMatcher.Separators + 1);
                _resourceParts = parts.Length == ArnMatcher.Separators + 1 ? parts : null;
                _resourcePartsComputed = true;
            }

            return _resourceParts;
        }
    }

    private string[]? _resourceParts;
    private bool _resourcePartsComputed;

    /// <summary>The values of a context key; an empty list when the key is absent.</summary>
    public IReadOnlyList<string> GetContextValues(string key) =>
        _context.TryGetValue(key, out var values) ? values : [];

    private void AddTimeKeys()
    {
        _context.TryAdd("aws:CurrentTime", [RequestTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)]);
        _context.TryAdd("aws:EpochTime", [RequestTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)]);
    }

    // AWS "AWS global condition context keys": an anonymous request carries none of the principal keys;
    // aws:username exists only for IAM users; aws:PrincipalArn of a role session is the role's ARN;
    // aws:PrincipalTag/<key> is one key per tag of the user or of the session's role.
    private void AddPrincipalKeys()
    {
        string[] principalKeys = ["aws:username", "aws:userid", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalType"];
        foreach (var key in principalKeys)
        {
            _context.Remove(key);
        }

        foreach (var key in _context.Keys.Where(k => k.StartsWith(PrincipalTagPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            _context.Remove(key);
        }

        // The context's keys ignore case, as IAM compares tag keys in conditions ("Tagging IAM resources").
        foreach (var (key, value) in Principal.Tags)
        {
            _context[PrincipalTagPrefix + key] = [value];
        }

        _context["aws:PrincipalType"] = [Principal.PrincipalType];
        _context["aws:userid"] = [Principal.UserId];
        if (Principal.Kind == PolicyPrincipalKind.Anonymous)
        {
            return;
        }

        _context["aws:PrincipalAccount"] = [Principal.AccountId];
        _context["aws:PrincipalArn"] = [Principal.RoleArn ?? Principal.Arn];
        if (Principal.UserName is not null)
        {
            _context["aws:username"] = [Principal.UserName];
        }
    }
}
