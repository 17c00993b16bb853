using Nuage.Iam.Policies;

namespace Nuage.Iam.Acls;

/// <summary>
/// Who asks, as an ACL sees it: anonymous, or an account. ACLs grant to accounts, never to users inside one
/// ("Managing access with ACLs": "you cannot grant permissions to users in your account"); whether a user of
/// the account may use the account's grant is the identity policy's question, asked by the authorizer.
/// </summary>
public sealed record AclRequester
{
    private AclRequester(string? accountId) => AccountId = accountId;

    public static AclRequester Anonymous { get; } = new((string?)null);

    /// <summary>The account of a signed request; null when anonymous.</summary>
    public string? AccountId { get; }

    /// <summary>A signed request: what the AuthenticatedUsers group means ("any AWS account").</summary>
    public bool IsAuthenticated => AccountId is not null;

    public static AclRequester Account(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return new AclRequester(accountId);
    }

    /// <summary>Every signed principal (root, user, role session, operator) acts for its account.</summary>
    public static AclRequester From(PolicyPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Kind == PolicyPrincipalKind.Anonymous ? Anonymous : Account(principal.AccountId);
    }
}
