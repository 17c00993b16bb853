using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;
using Nuage.IamApi.Xml;

namespace Nuage.IamApi.Handlers;

/// <summary>CreateRole, GetRole, ListRoles, DeleteRole, UpdateAssumeRolePolicy.</summary>
public sealed class RoleHandler(RoleService roles, IdentityRegistry registry)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        actions["CreateRole"] = CreateAsync;
        actions["GetRole"] = GetAsync;
        actions["ListRoles"] = ListAsync;
        actions["DeleteRole"] = DeleteAsync;
        actions["UpdateAssumeRolePolicy"] = UpdateTrustAsync;
    }

    private async Task<ResultWriter?> CreateAsync(IamCall call)
    {
        var (name, trust) = (call.Request.Require("RoleName"), call.Request.Require("AssumeRolePolicyDocument"));
        var path = call.Request.Get("Path");
        await call.AuthorizeAsync(IamArns.Of(call.AccountId, "role", path ?? "/", name));
        var role = await roles.CreateAsync(
            call.AccountId, name, path, trust, call.Request.Get("Description"), call.Request.GetInt("MaxSessionDuration"), call.Cancellation,
            TagHandler.Read(call.Request), call.Request.Get("PermissionsBoundary"));
        return xml => WriteRole(xml, role);
    }

    private async Task<ResultWriter?> GetAsync(IamCall call)
    {
        var name = call.Request.Require("RoleName");
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "role", name));
        var role = roles.Get(call.AccountId, name);
        return xml => WriteRole(xml, role);
    }

    private async Task<ResultWriter?> ListAsync(IamCall call)
    {
        var prefix = call.Request.Get("PathPrefix");
        await call.AuthorizeAsync(IamArns.Of(call.AccountId, "role", prefix ?? "/", "*"));
        var page = Pages.Of(roles.List(call.AccountId, prefix), r => r.Name, call.Request);
        return xml =>
        {
            xml.Members("Roles", page.Items, IamXml.Role);
            page.Write(xml);
        };
    }

    private async Task<ResultWriter?> DeleteAsync(IamCall call)
    {
        var name = call.Request.Require("RoleName");
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "role", name));
        await roles.DeleteAsync(call.AccountId, name, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> UpdateTrustAsync(IamCall call)
    {
        var (name, trust) = (call.Request.Require("RoleName"), call.Request.Require("PolicyDocument"));
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "role", name));
        await roles.UpdateTrustPolicyAsync(call.AccountId, name, trust, call.Cancellation);
        return null;
    }

    private static void WriteRole(QueryXml xml, IamRole role)
    {
        xml.Start("Role");
        IamXml.Role(xml, role, full: true);
        xml.End();
    }
}
