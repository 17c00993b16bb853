using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;
using Nuage.IamApi.Xml;

namespace Nuage.IamApi.Handlers;

/// <summary>CreateGroup, GetGroup, ListGroups, DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser.</summary>
public sealed class GroupHandler(GroupService groups, IdentityRegistry registry)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        actions["CreateGroup"] = CreateAsync;
        actions["GetGroup"] = GetAsync;
        actions["ListGroups"] = ListAsync;
        actions["DeleteGroup"] = DeleteAsync;
        actions["AddUserToGroup"] = AddUserAsync;
        actions["RemoveUserFromGroup"] = RemoveUserAsync;
        actions["ListGroupsForUser"] = ForUserAsync;
    }

    private async Task<ResultWriter?> CreateAsync(IamCall call)
    {
        var name = call.Request.Require("GroupName");
        var path = call.Request.Get("Path");
        await call.AuthorizeAsync(IamArns.Of(call.AccountId, "group", path ?? "/", name));
        var group = await groups.CreateAsync(call.AccountId, name, path, call.Cancellation);
        return xml => WriteGroup(xml, group);
    }

    /// <summary>GetGroup: the group and a page of its members.</summary>
    private async Task<ResultWriter?> GetAsync(IamCall call)
    {
        var name = call.Request.Require("GroupName");
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "group", name));
        var group = groups.Get(call.AccountId, name);
        var page = Pages.Of(groups.Members(call.AccountId, name), u => u.Name, call.Request);
        return xml =>
        {
            WriteGroup(xml, group);
            xml.Members("Users", page.Items, IamXml.User);
            page.Write(xml);
        };
    }

    private async Task<ResultWriter?> ListAsync(IamCall call)
    {
        var prefix = call.Request.Get("PathPrefix");
        await call.AuthorizeAsync(IamArns.Of(call.AccountId, "group", prefix ?? "/", "*"));
        var page = Pages.Of(groups.List(call.AccountId, prefix), g => g.Name, call.Request);
        return xml =>
        {
            xml.Members("Groups", page.Items, IamXml.Group);
            page.Write(xml);
        };
    }

    private async Task<ResultWriter?> DeleteAsync(IamCall call)
    {
        var name = call.Request.Require("GroupName");
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "group", name));
        await groups.DeleteAsync(call.AccountId, name, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> AddUserAsync(IamCall call)
    {
        var (group, user) = (call.Request.Require("GroupName"), call.Request.Require("UserName"));
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "group", group));
        await groups.AddUserAsync(call.AccountId, group, user, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> RemoveUserAsync(IamCall call)
    {
        var (group, user) = (call.Request.Require("GroupName"), call.Request.Require("UserName"));
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "group", group));
        await groups.RemoveUserAsync(call.AccountId, group, user, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> ForUserAsync(IamCall call)
    {
        var user = call.Request.Require("UserName");
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "user", user));
        var page = Pages.Of(groups.ForUser(call.AccountId, user), g => g.Name, call.Request);
        return xml =>
        {
            xml.Members("Groups", page.Items, IamXml.Group);
            page.Write(xml);
        };
    }

    private static void WriteGroup(QueryXml xml, IamGroup group)
    {
        xml.Start("Group");
        IamXml.Group(xml, group);
        xml.End();
    }
}
