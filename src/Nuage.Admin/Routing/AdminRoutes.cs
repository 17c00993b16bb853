using Nuage.Admin.Handlers;
using Nuage.Iam.Management;
using static Nuage.Admin.Routing.AdminResources;

namespace Nuage.Admin.Routing;

/// <summary>
/// The admin API's endpoint table (docs/admin-api.md lists the same): every route with its action, resource and
/// handler, in one place, so the router, the authorizer and the documentation read the same thing.
/// </summary>
public static class AdminRoutes
{
    public const string ActionPrefix = "admin:";

    public static IReadOnlyList<AdminRoute> Create(
        AccountHandler accounts, AccessKeyHandler keys, UserHandler users, GroupHandler groups, RoleHandler roles,
        ManagedPolicyHandler managed, InlinePolicyHandler inline, AccountPublicAccessBlockHandler publicAccessBlock,
        KmsKeyHandler kms, AccountUsageHandler usage, RegionsHandler regions)
    {
        const string Account = "accounts/{account}";
        var routes = new List<AdminRoute>
        {
            new("GET", "accounts", "ListAccounts", Accounts, accounts.ListAsync),

            // The federation's regions and their reachability (docs/regions.md): the installation's, as accounts are.
            new("GET", "regions", "ListRegions", Accounts, regions.ListAsync),
            new("GET", "replication", "GetReplicationState", Accounts, regions.ReplicationAsync),
            new("POST", "accounts", "CreateAccount", Accounts, accounts.CreateAsync),
            new("GET", Account, "GetAccount", OwnAccount, accounts.GetAsync),
            new("PATCH", Account, "UpdateAccount", ManagedAccount, accounts.UpdateAsync),
            new("DELETE", Account, "DeleteAccount", ManagedAccount, accounts.DeleteAsync),
            new("GET", Account + "/usage", "GetAccountUsage", OwnAccount, usage.GetAsync),

            // The account's own root manages its account-level Block Public Access, as on AWS (s3:PutAccountPublicAccessBlock).
            new("GET", Account + "/public-access-block", "GetAccountPublicAccessBlock", OwnAccount, publicAccessBlock.GetAsync),
            new("PUT", Account + "/public-access-block", "PutAccountPublicAccessBlock", OwnAccount, publicAccessBlock.PutAsync),
            new("DELETE", Account + "/public-access-block", "DeleteAccountPublicAccessBlock", OwnAccount, publicAccessBlock.DeleteAsync),

            new("GET", Account + "/root-keys", "ListRootAccessKeys", RootUser, keys.ListAsync),
            new("POST", Account + "/root-keys", "CreateRootAccessKey", RootUser, keys.CreateAsync),
            new("PATCH", Account + "/root-keys/{key}", "UpdateRootAccessKey", RootUser, keys.UpdateAsync),
            new("DELETE", Account + "/root-keys/{key}", "DeleteRootAccessKey", RootUser, keys.DeleteAsync),

            new("GET", Account + "/users", "ListUsers", All("user"), users.ListAsync),
            new("POST", Account + "/users", "CreateUser", All("user"), users.CreateAsync),
            new("GET", Account + "/users/{user}", "GetUser", Entity("user", "user"), users.GetAsync),
            new("DELETE", Account + "/users/{user}", "DeleteUser", Entity("user", "user"), users.DeleteAsync),
            new("GET", Account + "/users/{user}/keys", "ListAccessKeys", Entity("user", "user"), keys.ListAsync),
            new("POST", Account + "/users/{user}/keys", "CreateAccessKey", Entity("user", "user"), keys.CreateAsync),
            new("PATCH", Account + "/users/{user}/keys/{key}", "UpdateAccessKey", Entity("user", "user"), keys.UpdateAsync),
            new("DELETE", Account + "/users/{user}/keys/{key}", "DeleteAccessKey", Entity("user", "user"), keys.DeleteAsync),

            new("GET", Account + "/groups", "ListGroups", All("group"), groups.ListAsync),
            new("POST", Account + "/groups", "CreateGroup", All("group"), groups.CreateAsync),
            new("GET", Account + "/groups/{group}", "GetGroup", Entity("group", "group"), groups.GetAsync),
            new("DELETE", Account + "/groups/{group}", "DeleteGroup", Entity("group", "group"), groups.DeleteAsync),
            new("PUT", Account + "/groups/{group}/members/{user}", "AddUserToGroup", Entity("group", "group"), groups.AddMemberAsync),
            new("DELETE", Account + "/groups/{group}/members/{user}", "RemoveUserFromGroup", Entity("group", "group"), groups.RemoveMemberAsync),

            new("GET", Account + "/roles", "ListRoles", All("role"), roles.ListAsync),
            new("POST", Account + "/roles", "CreateRole", All("role"), roles.CreateAsync),
            new("GET", Account + "/roles/{role}", "GetRole", Entity("role", "role"), roles.GetAsync),
            new("DELETE", Account + "/roles/{role}", "DeleteRole", Entity("role", "role"), roles.DeleteAsync),
            new("PUT", Account + "/roles/{role}/trust-policy", "UpdateAssumeRolePolicy", Entity("role", "role"), roles.UpdateTrustPolicyAsync),

            // SSE-KMS keys (docs/encryption.md): the account's root manages them, its users with a policy.
            new("GET", Account + "/kms-keys", "ListKmsKeys", KmsKey(null), kms.ListAsync),
            new("POST", Account + "/kms-keys", "CreateKmsKey", KmsKey(null), kms.CreateAsync),
            new("GET", Account + "/kms-keys/{key}", "DescribeKmsKey", KmsKey("key"), kms.GetAsync),
            new("POST", Account + "/kms-keys/{key}/disable", "DisableKmsKey", KmsKey("key"), kms.DisableAsync),
            new("POST", Account + "/kms-keys/{key}/enable", "EnableKmsKey", KmsKey("key"), kms.EnableAsync),
            new("POST", Account + "/kms-keys/{key}/rotate", "RotateKmsKey", KmsKey("key"), kms.RotateAsync),

            new("GET", Account + "/policies", "ListPolicies", All("policy"), managed.ListAsync),
            new("POST", Account + "/policies", "CreatePolicy", All("policy"), managed.CreateAsync),
            new("GET", Account + "/policies/{policy}", "GetPolicy", Entity("policy", "policy"), managed.GetAsync),
            new("DELETE", Account + "/policies/{policy}", "DeletePolicy", Entity("policy", "policy"), managed.DeleteAsync),
        };

        // Users, groups and roles hold inline policies and attach managed ones alike, under IAM's per-kind names.
        foreach (var (kind, segment, value, noun) in new[]
        {
            (PolicyHolderKind.User, "users", "user", "User"),
            (PolicyHolderKind.Group, "groups", "group", "Group"),
            (PolicyHolderKind.Role, "roles", "role", "Role"),
        })
        {
            var holder = $"{Account}/{segment}/{{{value}}}";
            var resource = Entity(value, value);
            routes.Add(new("GET", holder + "/policies", $"List{noun}Policies", resource, c => inline.ListAsync(c, kind, value)));
            routes.Add(new("GET", holder + "/policies/{policy}", $"Get{noun}Policy", resource, c => inline.GetAsync(c, kind, value)));
            routes.Add(new("PUT", holder + "/policies/{policy}", $"Put{noun}Policy", resource, c => inline.PutAsync(c, kind, value)));
            routes.Add(new("DELETE", holder + "/policies/{policy}", $"Delete{noun}Policy", resource, c => inline.DeleteAsync(c, kind, value)));
            routes.Add(new("GET", holder + "/attached-policies", $"ListAttached{noun}Policies", resource, c => managed.ListAttachedAsync(c, kind, value)));
            routes.Add(new("PUT", holder + "/attached-policies/{policy}", $"Attach{noun}Policy", resource, c => managed.AttachAsync(c, kind, value)));
            routes.Add(new("DELETE", holder + "/attached-policies/{policy}", $"Detach{noun}Policy", resource, c => managed.DetachAsync(c, kind, value)));
        }

        return routes;

        // A key's ARN (every key of the account for list and create), owned by the account.
        Func<AdminScope, AdminResource> KmsKey(string? valueName) =>
            scope => new(kms.ResourceArn(scope.AccountId, valueName is null ? null : scope[valueName]), scope.AccountId);
    }
}
