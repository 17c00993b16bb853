using System.Text.RegularExpressions;

namespace Nuage.Iam.Policies;

/// <summary>Validates the identifiers of a Principal element and tells how one names a caller.</summary>
internal static partial class PrincipalMatcher
{
    /// <summary>
    /// "AWS JSON policy elements: Principal": "*", a 12-digit account id, or an IAM ARN of an account root, user,
    /// role, or STS assumed-role session. Wildcards are not allowed in principal ARNs.
    /// </summary>
    public static bool IsValidAws(string value) => value == "*" || AwsPrincipal().IsMatch(value);

    public static PrincipalMatch Match(PolicyPrincipalElement element, PolicyPrincipal caller)
    {
        if (element.IsEveryone)
        {
            return PrincipalMatch.Everyone;
        }

        var match = PrincipalMatch.None;
        foreach (var id in element.Aws)
        {
            match |= MatchAws(id, caller);
        }

        return match;
    }

    private static PrincipalMatch MatchAws(string id, PolicyPrincipal caller)
    {
        if (caller.Kind is PolicyPrincipalKind.Anonymous)
        {
            return PrincipalMatch.None;
        }

        if (id == caller.Arn)
        {
            return PrincipalMatch.Exact;
        }

        if (caller.RoleArn is not null && id == caller.RoleArn)
        {
            return PrincipalMatch.Role;
        }

        if (id == caller.AccountId || id == PolicyPrincipal.RootArn(caller.AccountId))
        {
            return PrincipalMatch.Account;
        }

        return PrincipalMatch.None;
    }

    [GeneratedRegex(@"^(\d{12}|arn:aws:iam::\d{12}:(root|user/[\w+=,.@/-]+|role/[\w+=,.@/-]+)|arn:aws:sts::\d{12}:assumed-role/[\w+=,.@-]+/[\w+=,.@-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AwsPrincipal();
}
