using System.Globalization;
using Nuage.Iam.Identities;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Authorization;

/// <summary>
/// Decides every request by AWS's evaluation logic (<see cref="AccessEvaluator"/>): the caller's identity
/// policies (a user's own and its groups', a role's for a role session, narrowed by the session policy and by the
/// user's or role's permissions boundary), the resource's policy and owner; explicit deny wins, default deny. The operator may do everything; an account's
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
        var boundary = principal is null ? null : _policies.BoundaryOf(directory, principal);
        var request = new PolicyRequest(
            query.Action, query.Resource, ToPolicyPrincipal(directory, principal), ContextKeys(query, directory), query.RequestTime);
        return ValueTask.FromResult(AccessEvaluator.Decide(
            new AccessRequest(request, identity, session, query.ResourceOwnerAccountId, query.ResourcePolicy, boundary)));
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

        if (_policies.BoundaryOf(registry.Current, principal)?.ReadsConditionKey(keyPrefix) == true)
        {
            return true;
        }

        // A session policy's conditions count as well; its text is searched rather than parsed (DecideAsync parses it
        // per request), and a false positive costs only the read of the key.
        return principal.Session?.SessionPolicy is { } text && text.Contains(keyPrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The tags of the user or role whose ARN is <paramref name="arn"/>; null for any other resource.</summary>
    private static IEnumerable<IamTag>? TaggedTarget(IdentityDirectory directory, string arn)
    {
        // arn:aws:iam::ACCOUNT:user/PATH/NAME: the name is the last segment, the path is checked by comparing ARNs.
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "iam")
        {
            return null;
        }

        var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        return parts[5].StartsWith("user/", StringComparison.Ordinal) ? directory.FindUser(parts[4], name) is { } u && u.Arn == arn ? u.Tags : null
            : parts[5].StartsWith("role/", StringComparison.Ordinal) ? directory.FindRole(parts[4], name) is { } r && r.Arn == arn ? r.Tags : null
            : null;
    }

    internal static PolicyPrincipal ToPolicyPrincipal(IdentityDirectory directory, Principal? principal) => principal switch
    {
        null => PolicyPrincipal.Anonymous,
        { Kind: PrincipalKind.Operator } => PolicyPrincipal.Operator(principal.AccountId),
        { Kind: PrincipalKind.AccountRoot } => PolicyPrincipal.Root(principal.AccountId),
        { Kind: PrincipalKind.User } => new PolicyPrincipal(
            PolicyPrincipalKind.User, principal.AccountId, principal.Arn, principal.UserName, principal.UserId)
        {
            Tags = TagPairs(principal.UserName is { } user ? directory.FindUser(principal.AccountId, user)?.Tags : null),
        },
        { Kind: PrincipalKind.AssumedRole, Session: { } s } => new PolicyPrincipal(
            PolicyPrincipalKind.AssumedRole, principal.AccountId, principal.Arn, null, principal.UserId, s.RoleArn, s.SessionName)
        {
            // A session carries its role's tags (Nuage has no session tags: sts:TagSession is not implemented).
            Tags = TagPairs(directory.FindRole(principal.AccountId, s.RoleName)?.Tags),
        },
        _ => throw new InvalidOperationException($"A {principal.Kind} principal needs its session."),
    };

    private static IReadOnlyList<KeyValuePair<string, string>> TagPairs(IEnumerable<IamTag>? tags) =>
        tags is null ? [] : [.. tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value))];

    /// <summary>
    /// The request's global and service condition keys, produced only if a condition or variable reads the context
    /// (PolicyRequest builds it on first use): most decisions need none of them.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> ContextKeys(AccessQuery query, IdentityDirectory directory)
    {
        // "Controlling access to and for IAM users and roles using tags": an IAM action on a user or role carries
        // the target's tags as iam:ResourceTag/<key> (and its global twin aws:ResourceTag/<key>).
        if (query.Action.StartsWith("iam:", StringComparison.OrdinalIgnoreCase) && TaggedTarget(directory, query.Resource) is { } targetTags)
        {
            foreach (var tag in targetTags)
            {
                yield return new("iam:ResourceTag/" + tag.Key, [tag.Value]);
                yield return new("aws:ResourceTag/" + tag.Key, [tag.Value]);
            }
        }

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
