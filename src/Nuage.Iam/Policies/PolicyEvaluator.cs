namespace Nuage.Iam.Policies;

/// <summary>
/// Evaluates one policy document ("Policy evaluation logic", "Determining whether a request is allowed or denied
/// within an account"): a statement applies when its action, resource, principal and every condition match; any
/// applicable Deny statement makes the document deny, otherwise any applicable Allow makes it allow.
/// </summary>
public static class PolicyEvaluator
{
    public static PolicyDecision Evaluate(PolicyDocument policy, PolicyRequest request)
    {
        var result = EvaluateDetailed(policy, request);
        return result.Denied ? PolicyDecision.ExplicitDeny
            : result.AllowedVia != PrincipalMatch.None ? PolicyDecision.Allow
            : PolicyDecision.NotApplicable;
    }

    /// <summary>
    /// Like <see cref="Evaluate"/>, and for an Allow also how the allowing statements named the caller. Identity and
    /// session policies name no principal; their allow is reported as <see cref="PrincipalMatch.Exact"/>.
    /// </summary>
    internal static (bool Denied, PrincipalMatch AllowedVia) EvaluateDetailed(PolicyDocument policy, PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        var allowedVia = PrincipalMatch.None;
        foreach (var statement in policy.StatementsFor(request.Action).Candidates(request.Resource))
        {
            var match = Applies(statement, policy, request);
            if (match == PrincipalMatch.None)
            {
                continue;
            }

            if (statement.Effect == PolicyEffect.Deny)
            {
                return (true, PrincipalMatch.None);
            }

            allowedVia |= match;
        }

        return (false, allowedVia);
    }

    private static PrincipalMatch Applies(PolicyStatement statement, PolicyDocument policy, PolicyRequest request)
    {
        // The action already matched: only statements admitting it are evaluated (PolicyDocument.StatementsFor).
        var compiled = statement.Compiled(policy.SubstitutesVariables);
        if (!MatchesResource(statement, compiled, policy, request))
        {
            return PrincipalMatch.None;
        }

        var principal = MatchesPrincipal(statement, request.Principal);
        if (principal == PrincipalMatch.None)
        {
            return PrincipalMatch.None;
        }

        foreach (var condition in statement.Conditions)
        {
            if (!ConditionEvaluator.Evaluate(condition, request, policy.SubstitutesVariables))
            {
                return PrincipalMatch.None;
            }
        }

        return principal;
    }

    private static bool MatchesResource(PolicyStatement statement, CompiledStatement compiled, PolicyDocument policy, PolicyRequest request)
    {
        if (statement.Resource is null && statement.NotResource is null)
        {
            return true; // a trust policy: the role it is attached to is the resource
        }

        var any = false;
        foreach (var resource in compiled.Resources)
        {
            if (resource.Template is { } template
                ? PolicyVariables.Resolve(template, request, policy.SubstitutesVariables) is { } resolved && MatchesOneResource(resolved, request)
                : request.Resource == "*" ? MatchesOneResource(resource.Pattern!, request) : ArnMatcher.Matches(resource, request.Resource, request.ResourceParts))
            {
                any = true;
                break;
            }
        }

        return statement.Resource is not null ? any : !any;
    }

    // An action on no resource (s3:ListAllMyBuckets, s3:CreateBucket's account-level check) has resource "*"; it is
    // matched by "*" and by the service's all-resources ARN such as "arn:aws:s3:::*", which clients commonly write.
    private static bool MatchesOneResource(WildcardPattern pattern, PolicyRequest request)
    {
        if (request.Resource != "*")
        {
            return ArnMatcher.Matches(pattern, request.Resource);
        }

        if (pattern.Text == "*" && pattern.HasWildcards)
        {
            return true;
        }

        var parts = pattern.Split(':', 5);
        var service = request.Action.Split(':')[0];
        return parts.Count == 6 && parts[2].Matches(service, ignoreCase: true) && parts[5].Text == "*" && parts[5].HasWildcards;
    }

    private static PrincipalMatch MatchesPrincipal(PolicyStatement statement, PolicyPrincipal caller)
    {
        if (statement.Principal is { } principal)
        {
            return PrincipalMatcher.Match(principal, caller);
        }

        if (statement.NotPrincipal is { } notPrincipal)
        {
            // NotPrincipal applies to everyone it does not name, anonymous included ("AWS JSON policy elements: NotPrincipal").
            return PrincipalMatcher.Match(notPrincipal, caller) == PrincipalMatch.None ? PrincipalMatch.Everyone : PrincipalMatch.None;
        }

        return PrincipalMatch.Exact; // identity and session policies: the caller is the holder
    }
}
