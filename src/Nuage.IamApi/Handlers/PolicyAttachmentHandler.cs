using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;

namespace Nuage.IamApi.Handlers;

/// <summary>Attach/Detach{User,Group,Role}Policy, ListAttached{User,Group,Role}Policies, ListEntitiesForPolicy.</summary>
public sealed class PolicyAttachmentHandler(ManagedPolicyService policies, IdentityRegistry registry)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var kind in Enum.GetValues<PolicyHolderKind>())
        {
            var word = kind.ToString();
            actions["Attach" + word + "Policy"] = call => AttachAsync(call, kind, attach: true);
            actions["Detach" + word + "Policy"] = call => AttachAsync(call, kind, attach: false);
            actions["ListAttached" + word + "Policies"] = call => ListAttachedAsync(call, kind);
        }

        actions["ListEntitiesForPolicy"] = ListEntitiesAsync;
    }

    private async Task<ResultWriter?> AttachAsync(IamCall call, PolicyHolderKind kind, bool attach)
    {
        var arn = call.Request.Require("PolicyArn");
        var holder = await call.AuthorizeHolderAsync(registry.Current, kind);
        await (attach
            ? policies.AttachAsync(kind, call.AccountId, holder, arn, call.Cancellation)
            : policies.DetachAsync(kind, call.AccountId, holder, arn, call.Cancellation));
        return null;
    }

    private async Task<ResultWriter?> ListAttachedAsync(IamCall call, PolicyHolderKind kind)
    {
        var holder = await call.AuthorizeHolderAsync(registry.Current, kind);
        var prefix = call.Request.Get("PathPrefix");
        var attached = policies.AttachedTo(kind, call.AccountId, holder).Where(p => prefix is null || p.Path.StartsWith(prefix, StringComparison.Ordinal));
        var page = Pages.Of(attached, p => p.Name, call.Request);
        return xml =>
        {
            xml.Members("AttachedPolicies", page.Items, (x, p) =>
            {
                x.Element("PolicyName", p.Name);
                x.Element("PolicyArn", p.Arn);
            });
            page.Write(xml);
        };
    }

    /// <summary>ListEntitiesForPolicy: groups, users and roles the policy is attached to (EntityFilter narrows to one kind).</summary>
    private async Task<ResultWriter?> ListEntitiesAsync(IamCall call)
    {
        var arn = call.Request.Require("PolicyArn");
        await call.AuthorizeAsync(arn);
        var filter = call.Request.Get("EntityFilter");
        var directory = registry.Current;
        var entities = policies.Entities(call.AccountId, arn)
            .Where(e => filter is null || string.Equals(e.Kind.ToString(), filter, StringComparison.Ordinal))
            .ToList();
        var page = Pages.Of(entities, e => e.Kind + "/" + e.Name, call.Request);
        return xml =>
        {
            xml.Members("PolicyGroups", page.Items.Where(e => e.Kind == PolicyHolderKind.Group), (x, e) =>
            {
                x.Element("GroupName", e.Name);
                x.Element("GroupId", directory.FindGroup(call.AccountId, e.Name)?.Id);
            });
            xml.Members("PolicyUsers", page.Items.Where(e => e.Kind == PolicyHolderKind.User), (x, e) =>
            {
                x.Element("UserName", e.Name);
                x.Element("UserId", directory.FindUser(call.AccountId, e.Name)?.Id);
            });
            xml.Members("PolicyRoles", page.Items.Where(e => e.Kind == PolicyHolderKind.Role), (x, e) =>
            {
                x.Element("RoleName", e.Name);
                x.Element("RoleId", directory.FindRole(call.AccountId, e.Name)?.Id);
            });
            page.Write(xml);
        };
    }
}
