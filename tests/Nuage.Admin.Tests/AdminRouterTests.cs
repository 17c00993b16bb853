using Nuage.Admin.Errors;
using Nuage.Admin.Handlers;
using Nuage.Admin.Routing;

namespace Nuage.Admin.Tests;

public sealed class AdminRouterTests
{
    // Handlers are never called here: the router only picks routes. Null services are never touched.
    private static readonly AdminRouter Router = new(AdminRoutes.Create(
        new AccountHandler(null!), new AccessKeyHandler(null!), new UserHandler(null!), new GroupHandler(null!),
        new RoleHandler(null!), new ManagedPolicyHandler(null!), new InlinePolicyHandler(null!), new AccountPublicAccessBlockHandler(null!),
        new KmsKeyHandler(null!), new AccountUsageHandler(null!), new RegionsHandler(null!)));

    [Theory]
    [InlineData("GET", "accounts", "admin:ListAccounts", "")]
    [InlineData("GET", "regions", "admin:ListRegions", "")]
    [InlineData("GET", "replication", "admin:GetReplicationState", "")]
    [InlineData("POST", "accounts", "admin:CreateAccount", "")]
    [InlineData("GET", "accounts/acme", "admin:GetAccount", "account=acme")]
    [InlineData("PATCH", "accounts/acme", "admin:UpdateAccount", "account=acme")]
    [InlineData("DELETE", "accounts/acme", "admin:DeleteAccount", "account=acme")]
    [InlineData("PUT", "accounts/acme/public-access-block", "admin:PutAccountPublicAccessBlock", "account=acme")]
    [InlineData("GET", "accounts/acme/public-access-block", "admin:GetAccountPublicAccessBlock", "account=acme")]
    [InlineData("POST", "accounts/acme/root-keys", "admin:CreateRootAccessKey", "account=acme")]
    [InlineData("PATCH", "accounts/acme/root-keys/AKIA1", "admin:UpdateRootAccessKey", "account=acme,key=AKIA1")]
    [InlineData("POST", "accounts/acme/users", "admin:CreateUser", "account=acme")]
    [InlineData("DELETE", "accounts/acme/users/alice", "admin:DeleteUser", "account=acme,user=alice")]
    [InlineData("POST", "accounts/acme/users/alice/keys", "admin:CreateAccessKey", "account=acme,user=alice")]
    [InlineData("PUT", "accounts/acme/groups/ops/members/alice", "admin:AddUserToGroup", "account=acme,group=ops,user=alice")]
    [InlineData("PUT", "accounts/acme/users/alice/policies/read", "admin:PutUserPolicy", "account=acme,user=alice,policy=read")]
    [InlineData("PUT", "accounts/acme/groups/ops/attached-policies/read", "admin:AttachGroupPolicy", "account=acme,group=ops,policy=read")]
    [InlineData("DELETE", "accounts/acme/roles/r/attached-policies/read", "admin:DetachRolePolicy", "account=acme,role=r,policy=read")]
    [InlineData("PUT", "accounts/acme/roles/r/trust-policy", "admin:UpdateAssumeRolePolicy", "account=acme,role=r")]
    [InlineData("GET", "accounts/acme/policies/read/", "admin:GetPolicy", "account=acme,policy=read")]
    [InlineData("POST", "accounts/acme/kms-keys", "admin:CreateKmsKey", "account=acme")]
    [InlineData("GET", "accounts/acme/usage", "admin:GetAccountUsage", "account=acme")]
    [InlineData("POST", "accounts/acme/kms-keys/alias%2Fbackups/rotate", "admin:RotateKmsKey", "account=acme,key=alias%2Fbackups")]
    [InlineData("POST", "accounts/acme/kms-keys/k1/disable", "admin:DisableKmsKey", "account=acme,key=k1")]
    public void Routes_carry_their_action_and_values(string method, string path, string action, string values)
    {
        var match = Router.Match(method, path);
        Assert.Equal(action, match.Route.IamAction);
        var expected = values.Length == 0 ? [] : values.Split(',').Select(v => v.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expected, match.Values);
    }

    [Fact]
    public void Unknown_paths_are_404_and_known_paths_with_another_method_405()
    {
        Assert.Equal(AdminError.NoSuchRoute, Assert.Throws<AdminException>(() => Router.Match("GET", "buckets")).Error);
        Assert.Equal(AdminError.NoSuchRoute, Assert.Throws<AdminException>(() => Router.Match("GET", "accounts//users")).Error);
        Assert.Equal(AdminError.MethodNotAllowed, Assert.Throws<AdminException>(() => Router.Match("PUT", "accounts")).Error);
    }

    [Fact]
    public void Every_route_is_unique_and_named_as_an_admin_action()
    {
        Assert.Equal(Router.Routes.Count, Router.Routes.Select(r => (r.Method, r.Template)).Distinct().Count());
        Assert.All(Router.Routes, r => Assert.Matches("^admin:[A-Z][A-Za-z]+$", r.IamAction));
    }
}
