namespace Nuage.Iam.Policies;

/// <summary>
/// The whole of AWS's decision for one request, over identity, session and resource policies ("Policy evaluation
/// logic", "Cross-account policy evaluation logic", "Session policies"). Rules, in order:
/// <list type="number">
/// <item>The operator (installation superuser) is always allowed: it administers the installation and must be
/// able to repair a bucket whose policy locks everyone out.</item>
/// <item>An explicit Deny in any identity, session or resource policy that applies wins.</item>
/// <item>Anonymous: only a resource policy granting "*" allows.</item>
/// <item>No resource owner (an account-level action): the identity side alone decides.</item>
/// <item>Same account: the account root is allowed; otherwise an identity allow (within the session policy) or a
/// resource-policy grant to the caller. A grant to the caller's session ARN or to "*" is not narrowed by the
/// session policy; a grant to the session's role is. A grant to the account only delegates to the account's own
/// identity policies ("AWS account principals").</item>
/// <item>Cross-account: both the caller's side (identity allow within the session policy; the root counts as
/// allowed) and a resource-policy grant naming the caller, its role, its account or "*".</item>
/// </list>
/// </summary>
public static class AccessEvaluator
{
    public static AccessDecision Decide(AccessRequest request) => Explain(request).Decision;

    public static AccessOutcome Explain(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = request.Request.Principal;
        if (caller.Kind == PolicyPrincipalKind.Operator)
        {
            return Allow("the operator is the installation superuser");
        }

        var identityAllows = false;
        foreach (var policy in request.IdentityPolicies)
        {
            switch (PolicyEvaluator.Evaluate(policy, request.Request))
            {
                case PolicyDecision.ExplicitDeny:
                    return Deny("an identity policy denies");
                case PolicyDecision.Allow:
                    identityAllows = true;
                    break;
            }
        }

        var sessionAllows = true;
        if (request.SessionPolicy is { } session)
        {
            var decision = PolicyEvaluator.Evaluate(session, request.Request);
            if (decision == PolicyDecision.ExplicitDeny)
            {
                return Deny("the session policy denies");
            }

            sessionAllows = decision == PolicyDecision.Allow;
        }

        var (resourceDenies, grantedVia) = request.ResourcePolicy is { } resourcePolicy
            ? PolicyEvaluator.EvaluateDetailed(resourcePolicy, request.Request)
            : (false, PrincipalMatch.None);
        if (resourceDenies)
        {
            return Deny("the resource policy denies");
        }

        var owner = request.ResourceOwnerAccountId;
        if (caller.Kind == PolicyPrincipalKind.Anonymous)
        {
            return owner is not null && grantedVia.HasFlag(PrincipalMatch.Everyone)
                ? Allow("the resource policy grants everyone")
                : Implicit("anonymous requests are allowed only by a resource policy granting \"*\"");
        }

        var isRoot = caller.Kind == PolicyPrincipalKind.AccountRoot;
        var callerSide = isRoot || (identityAllows && sessionAllows);
        var callerSideReason = isRoot ? "the caller is its account's root"
            : request.SessionPolicy is null ? "an identity policy allows" : "an identity policy and the session policy allow";
        if (owner is null)
        {
            return callerSide ? Allow(callerSideReason) : Implicit(NoIdentityAllow(identityAllows));
        }

        if (owner == caller.AccountId)
        {
            return SameAccount(isRoot, callerSide, callerSideReason, grantedVia, sessionAllows, identityAllows);
        }

        var resourceSide = (grantedVia & PrincipalMatch.Any) != PrincipalMatch.None;
        return (callerSide, resourceSide) switch
        {
            (true, true) => Allow($"cross-account: {callerSideReason} and the resource policy grants the caller"),
            (false, _) => Implicit($"cross-account: {NoIdentityAllow(identityAllows)}"),
            (true, false) => Implicit("cross-account: the resource policy does not grant the caller"),
        };
    }

    private static AccessOutcome SameAccount(
        bool isRoot, bool callerSide, string callerSideReason, PrincipalMatch grantedVia, bool sessionAllows, bool identityAllows)
    {
        if (isRoot)
        {
            return Allow("the account root owns the resource");
        }

        if (callerSide)
        {
            return Allow(callerSideReason);
        }

        if ((grantedVia & (PrincipalMatch.Exact | PrincipalMatch.Everyone)) != PrincipalMatch.None)
        {
            return Allow("the resource policy grants the caller");
        }

        if (grantedVia.HasFlag(PrincipalMatch.Role) && sessionAllows)
        {
            return Allow("the resource policy grants the caller's role and the session policy allows");
        }

        return Implicit(grantedVia.HasFlag(PrincipalMatch.Role)
            ? "the resource policy grants the caller's role but the session policy does not allow"
            : NoIdentityAllow(identityAllows));
    }

    private static string NoIdentityAllow(bool identityAllows) =>
        identityAllows ? "the session policy does not allow" : "no identity policy allows";

    private static AccessOutcome Allow(string reason) => new(AccessDecision.Allow, reason);

    private static AccessOutcome Deny(string reason) => new(AccessDecision.ExplicitDeny, reason);

    private static AccessOutcome Implicit(string reason) => new(AccessDecision.ImplicitDeny, reason);
}
