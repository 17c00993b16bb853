using System.Globalization;
using Nuage.Iam.Identities;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Authorization;

/// <summary>
/// Decides every request by AWS's evaluation logic (<see cref="AccessEvaluator"/>): the caller's identity
/// policies (a user's own and its groups', a role's for a role session, narrowed by the session policy), the
/// resource's policy and owner; explicit deny wins, default deny. The operator may do everything; an account's
/// root user everything on what its account owns.
/// </summary>
public sealed class AccessAuthorizer(IdentityRegistry registry) : IAccessAuthorizer
{
    private readonly IdentityPolicies _policies = new();

    public ValueTask<AccessDecision> DecideAsync(AccessQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var principal = query.Principal;
        if (principal is { Kind: PrincipalKind.Operator })
        {
            return ValueTask.FromResult(AccessDecision.Allow);
        }

        // The common case needs no policy at all: a root user acting on its own account's resource, with no
        // resource policy that could deny it.
        if (principal is { Kind: PrincipalKind.AccountRoot } && query.ResourcePolicy is null
            && (query.ResourceOwnerAccountId is null || query.ResourceOwnerAccountId == principal.AccountId))
        {
            return ValueTask.FromResult(AccessDecision.Allow);
        }

        var directory = registry.Current;
        var identity = principal is null ? [] : _policies.For(directory, principal);
        // Not cached: a session policy comes from whoever called AssumeRole, so a cache keyed by its text would grow
        // without bound; it was validated when the session was issued, and parsing it costs microseconds.
        var session = principal?.Session?.SessionPolicy is { } text ? PolicyDocument.Parse(text, PolicyKind.Session) : null;
        var request = new PolicyRequest(query.Action, query.Resource, ToPolicyPrincipal(directory, principal), ContextKeys(query), query.RequestTime);
        return ValueTask.FromResult(AccessEvaluator.Decide(new AccessRequest(request, identity, session, query.ResourceOwnerAccountId, query.ResourcePolicy)));
    }

    public bool MayReadConditionKey(AccessQuery query, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        var principal = query.Principal;

        // The same short cuts as DecideAsync: these callers are decided without any policy.
        if (principal is { Kind: PrincipalKind.Operator }
            || (principal is { Kind: PrincipalKind.AccountRoot } && query.ResourcePolicy is null
                && (query.ResourceOwnerAccountId is null || query.ResourceOwnerAccountId == principal.AccountId)))
        {
            return false;
        }

        if (query.ResourcePolicy?.ReadsConditionKey(keyPrefix) == true)
        {
            return true;
        }

        if (principal is null)
        {
            return false;
        }

        foreach (var document in _policies.For(registry.Current, principal))
        {
            if (document.ReadsConditionKey(keyPrefix))
            {
                return true;
            }
        }

        // A session policy's conditions count as well; its text is searched rather than parsed (DecideAsync parses it
        // per request), and a false positive costs only the read of the key.
        return principal.Session?.SessionPolicy is { } text && text.Contains(keyPrefix, StringComparison.OrdinalIgnoreCase);
    }

    internal static PolicyPrincipal ToPolicyPrincipal(IdentityDirectory directory, Principal? principal) => principal switch
    {
        null => PolicyPrincipal.Anonymous,
        { Kind: PrincipalKind.Operator } => PolicyPrincipal.Operator(principal.AccountId),
        { Kind: PrincipalKind.AccountRoot } => PolicyPrincipal.Root(principal.AccountId),
        { Kind: PrincipalKind.User } => new PolicyPrincipal(
            PolicyPrincipalKind.User, principal.AccountId, principal.Arn, principal.UserName, principal.UserId),
        { Kind: PrincipalKind.AssumedRole, Session: { } s } => new PolicyPrincipal(
            PolicyPrincipalKind.AssumedRole, principal.AccountId, principal.Arn, null, principal.UserId, s.RoleArn, s.SessionName),
        _ => throw new InvalidOperationException($"A {principal.Kind} principal needs its session."),
    };

    /// <summary>
    /// The request's global and service condition keys, produced only if a condition or variable reads the context
    /// (PolicyRequest builds it on first use): most decisions need none of them.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> ContextKeys(AccessQuery query)
    {
        yield return new("aws:SecureTransport", [query.SecureTransport ? "true" : "false"]);
        if (query.SourceIp is { } ip)
        {
            yield return new("aws:SourceIp", [(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()]);
        }

        if (query.UserAgent is { } agent)
        {
            yield return new("aws:UserAgent", [agent]);
        }

        if (query.Referer is { } referer)
        {
            yield return new("aws:Referer", [referer]);
        }

        if (query.ServiceKeys is { } service)
        {
            foreach (var (key, value) in service)
            {
                yield return new(key, [value]);
            }
        }
    }
}
