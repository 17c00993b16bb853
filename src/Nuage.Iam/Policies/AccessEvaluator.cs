namespace Nuage.Iam.Policies;

/// <summary>
/// The whole of AWS's decision for one request, over identity, session and resource policies ("Policy evaluation
/// logic", "Cross-account policy evaluation logic", "Session policies", "Permissions boundaries for IAM entities").
/// Rules, in order:
/// <list type="number">
/// <item>The operator (installation superuser) is always allowed: it administers the installation and must be
/// able to repair a bucket whose policy locks everyone out.</item>
/// <item>An explicit Deny in any identity, session, permissions boundary or resource policy that applies wins.</item>
/// <item>Anonymous: only a resource policy granting "*" allows.</item>
/// <item>No resource owner (an account-level action): the identity side alone decides.</item>
/// <item>Same account: the account root is allowed; otherwise an identity allow (within the session policy and
/// the permissions boundary) or a resource-policy grant to the caller. A grant to the caller's user or session ARN
/// or to "*" is narrowed by neither the session policy nor the boundary ("resource-based policies that grant
/// permissions to an IAM user ARN ... are not limited by an implicit deny in ... a permissions boundary"); a grant
/// to the session's role is narrowed by both. A grant to the account only delegates to the account's own identity
/// policies ("AWS account principals").</item>
/// <item>Cross-account: both the caller's side (identity allow within the session policy and the boundary; the root
/// counts as allowed) and a resource-policy grant naming the caller, its role, its account or "*".</item>
/// </list>
/// A permissions boundary grants nothing by itself: an action it allows but no identity policy allows is denied.
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

        // The boundary is evaluated like the session policy: it only narrows the identity side, and its deny wins.
        var boundaryAllows = true;
        if (request.PermissionsBoundary is { } boundary)
        {
            var decision = PolicyEvaluator.Evaluate(boundary, request.Request);
            if (decision == PolicyDecision.ExplicitDeny)
            {
                return Deny("the permissions boundary denies");
            }

            boundaryAllows = decision == PolicyDecision.Allow;
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
        var narrowed = new Narrowing(identityAllows, sessionAllows, boundaryAllows);
        var callerSide = isRoot || (identityAllows && sessionAllows && boundaryAllows);
        var callerSideReason = isRoot ? "the caller is its account's root"
            : (request.SessionPolicy, request.PermissionsBoundary) switch
            {
                (null, null) => "an identity policy allows",
                (_, null) => "an identity policy and the session policy allow",
                (null, _) => "an identity policy and the permissions boundary allow",
                _ => "an identity policy, the session policy and the permissions boundary allow",
            };
        if (owner is null)
        {
            return callerSide ? Allow(callerSideReason) : Implicit(narrowed.WhyNot());
        }

        if (owner == caller.AccountId)
        {
            return SameAccount(isRoot, callerSide, callerSideReason, grantedVia, narrowed);
        }

        var resourceSide = (grantedVia & PrincipalMatch.Any) != PrincipalMatch.None;
        return (callerSide, resourceSide) switch
        {
            (true, true) => Allow($"cross-account: {callerSideReason} and the resource policy grants the caller"),
            (false, _) => Implicit($"cross-account: {narrowed.WhyNot()}"),
            (true, false) => Implicit("cross-account: the resource policy does not grant the caller"),
        };
    }

    private static AccessOutcome SameAccount(bool isRoot, bool callerSide, string callerSideReason, PrincipalMatch grantedVia, Narrowing narrowed)
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

        // "Permissions boundaries for IAM entities": a grant to the role's ARN is limited by an implicit deny in the
        // boundary or the session policy; one to the session's own ARN (Exact, above) is not.
        if (grantedVia.HasFlag(PrincipalMatch.Role) && narrowed.Session && narrowed.Boundary)
        {
            return Allow("the resource policy grants the caller's role and the session policy and permissions boundary allow");
        }

        return Implicit(grantedVia.HasFlag(PrincipalMatch.Role)
            ? "the resource policy grants the caller's role but " + (narrowed.Session ? "the permissions boundary" : "the session policy") + " does not allow"
            : narrowed.WhyNot());
    }

    /// <summary>What the identity side found: an identity allow, and whether the session policy and the boundary allow too.</summary>
    private readonly record struct Narrowing(bool Identity, bool Session, bool Boundary)
    {
        public string WhyNot() =>
            !Identity ? "no identity policy allows"
            : !Session ? "the session policy does not allow"
            : !Boundary ? "the permissions boundary does not allow"
            : "allowed";
    }

    private static AccessOutcome Allow(string reason) => new(AccessDecision.Allow, reason);

    private static AccessOutcome Deny(string reason) => new(AccessDecision.ExplicitDeny, reason);

    private static AccessOutcome Implicit(string reason) => new(AccessDecision.ImplicitDeny, reason);
}
