using Nuage.Iam;
using Nuage.Iam.Identities;

namespace Nuage.Admin.Routing;

/// <summary>
/// The resources admin routes act on (docs/admin-api.md "Authorization"). Accounts are the installation's: the
/// operator's account owns them (arn:nuage:admin:::account/NAME), so another account's root is refused as for any
/// cross-account resource without a resource policy. Everything inside an account (its root user's keys, users,
/// groups, roles, policies) is owned by that account and named by its IAM ARN, so the account's root manages it and
/// its users need a policy.
/// </summary>
public static class AdminResources
{
    public const string AccountArnPrefix = "arn:nuage:admin:::account/";

    /// <summary>Every account (list, create): the installation's.</summary>
    public static AdminResource Accounts(AdminScope scope) => new(AccountArnPrefix + "*", RootCredentials.RootAccountId);

    /// <summary>One account as the operator manages it (settings, deletion).</summary>
    public static AdminResource ManagedAccount(AdminScope scope) =>
        new(AccountArnPrefix + (scope.Account?.Name ?? scope.AccountKey), RootCredentials.RootAccountId);

    /// <summary>One account as read: its own root may read it as well as the operator.</summary>
    public static AdminResource OwnAccount(AdminScope scope) =>
        new(AccountArnPrefix + (scope.Account?.Name ?? scope.AccountKey), scope.AccountId);

    /// <summary>The account's root user (its access keys).</summary>
    public static AdminResource RootUser(AdminScope scope) => new(IamArns.Root(scope.AccountId), scope.AccountId);

    /// <summary>Every entity of a kind in the account (list, create): arn:aws:iam::ACCOUNT:user/*.</summary>
    public static Func<AdminScope, AdminResource> All(string kind) =>
        scope => new("arn:aws:iam::" + scope.AccountId + ":" + kind + "/*", scope.AccountId);

    /// <summary>The named entity: its ARN with its path when it exists, with path "/" otherwise.</summary>
    public static Func<AdminScope, AdminResource> Entity(string kind, string valueName) =>
        scope =>
        {
            var name = scope[valueName];
            var accountId = scope.AccountId;
            var existing = kind switch
            {
                "user" => scope.Directory.FindUser(accountId, name)?.Arn,
                "group" => scope.Directory.FindGroup(accountId, name)?.Arn,
                "role" => scope.Directory.FindRole(accountId, name)?.Arn,
                "policy" => scope.Directory.Policies.GetValueOrDefault(new EntityName(accountId, name))?.Arn,
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an IAM entity kind."),
            };
            return new(existing ?? IamArns.Of(accountId, kind, "/", name), accountId);
        };
}
