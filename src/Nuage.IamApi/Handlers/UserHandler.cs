using Nuage.Iam;
using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;
using Nuage.IamApi.Xml;

namespace Nuage.IamApi.Handlers;

/// <summary>CreateUser, GetUser, ListUsers, DeleteUser ("IAM API Reference", Actions).</summary>
public sealed class UserHandler(UserService users, IdentityRegistry registry)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        actions["CreateUser"] = CreateAsync;
        actions["GetUser"] = GetAsync;
        actions["ListUsers"] = ListAsync;
        actions["DeleteUser"] = DeleteAsync;
    }

    private async Task<ResultWriter?> CreateAsync(IamCall call)
    {
        var name = call.Request.Require("UserName");
        var path = call.Request.Get("Path");
        await call.AuthorizeAsync(IamArns.Of(call.AccountId, "user", path ?? "/", name));
        var user = await users.CreateAsync(
            call.AccountId, name, path, call.Cancellation, TagHandler.Read(call.Request), call.Request.Get("PermissionsBoundary"));
        return xml => WriteUser(xml, user);
    }

    /// <summary>
    /// GetUser without UserName describes the caller ("GetUser": "defaults to the user making the request"); for a
    /// root user that is the account's root identity (UserId = account id, no UserName), as IAM answers it.
    /// </summary>
    private async Task<ResultWriter?> GetAsync(IamCall call)
    {
        var name = call.Request.Get("UserName") ?? call.Principal.UserName;
        if (name is null)
        {
            if (!call.Principal.IsRoot)
            {
                throw new IamException(IamErrorCode.ValidationError, "Must specify userName when calling with non-User credentials");
            }

            var principal = call.Principal;
            var created = registry.Current.Accounts.GetValueOrDefault(principal.AccountId)?.CreatedAt ?? DateTimeOffset.UnixEpoch;
            return xml =>
            {
                xml.Start("User");
                xml.Element("UserId", principal.AccountId);
                xml.Element("Arn", IamArns.Root(principal.AccountId));
                xml.Element("CreateDate", created);
                xml.End();
            };
        }

        await call.AuthorizeAsync(call.ArnOf(registry.Current, "user", name));
        var user = users.Get(call.AccountId, name);
        return xml => WriteUser(xml, user);
    }

    private async Task<ResultWriter?> ListAsync(IamCall call)
    {
        var prefix = call.Request.Get("PathPrefix");
        await call.AuthorizeAsync(IamArns.Of(call.AccountId, "user", prefix ?? "/", "*"));
        var page = Pages.Of(users.List(call.AccountId, prefix), u => u.Name, call.Request);
        return xml =>
        {
            xml.Members("Users", page.Items, IamXml.User);
            page.Write(xml);
        };
    }

    private async Task<ResultWriter?> DeleteAsync(IamCall call)
    {
        var name = call.Request.Require("UserName");
        await call.AuthorizeAsync(call.ArnOf(registry.Current, "user", name));
        await users.DeleteAsync(call.AccountId, name, force: false, call.Cancellation);
        return null;
    }

    private static void WriteUser(QueryXml xml, IamUser user)
    {
        xml.Start("User");
        IamXml.User(xml, user, full: true);
        xml.End();
    }
}
