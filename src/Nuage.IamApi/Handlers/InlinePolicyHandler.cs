using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;
using Nuage.IamApi.Xml;

namespace Nuage.IamApi.Handlers;

/// <summary>
/// Put/Get/Delete/List{User,Group,Role}Polic{y,ies}: the same four actions for the three holder kinds, which IAM's
/// API distinguishes only by the holder's parameter name (UserName, GroupName, RoleName).
/// </summary>
public sealed class InlinePolicyHandler(InlinePolicyService inline, IdentityRegistry registry)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var kind in Enum.GetValues<PolicyHolderKind>())
        {
            var word = kind.ToString();
            actions["Put" + word + "Policy"] = call => PutAsync(call, kind);
            actions["Get" + word + "Policy"] = call => GetAsync(call, kind);
            actions["Delete" + word + "Policy"] = call => DeleteAsync(call, kind);
            actions["List" + word + "Policies"] = call => ListAsync(call, kind);
        }
    }

    /// <summary>The holder's parameter name (UserName, ...) and its ARN kind (user, ...).</summary>
    internal static (string Parameter, string ArnKind) Naming(PolicyHolderKind kind) => kind switch
    {
        PolicyHolderKind.User => ("UserName", "user"),
        PolicyHolderKind.Group => ("GroupName", "group"),
        PolicyHolderKind.Role => ("RoleName", "role"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task<ResultWriter?> PutAsync(IamCall call, PolicyHolderKind kind)
    {
        var (policyName, document) = (call.Request.Require("PolicyName"), call.Request.Require("PolicyDocument"));
        var holder = await call.AuthorizeHolderAsync(registry.Current, kind);
        await inline.PutAsync(kind, call.AccountId, holder, policyName, document, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> GetAsync(IamCall call, PolicyHolderKind kind)
    {
        var policyName = call.Request.Require("PolicyName");
        var holder = await call.AuthorizeHolderAsync(registry.Current, kind);
        var document = inline.Get(kind, call.AccountId, holder, policyName);
        return xml =>
        {
            xml.Element(Naming(kind).Parameter, holder);
            xml.Element("PolicyName", policyName);
            xml.Element("PolicyDocument", IamXml.EncodeDocument(document));
        };
    }

    private async Task<ResultWriter?> DeleteAsync(IamCall call, PolicyHolderKind kind)
    {
        var policyName = call.Request.Require("PolicyName");
        var holder = await call.AuthorizeHolderAsync(registry.Current, kind);
        await inline.DeleteAsync(kind, call.AccountId, holder, policyName, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> ListAsync(IamCall call, PolicyHolderKind kind)
    {
        var holder = await call.AuthorizeHolderAsync(registry.Current, kind);
        var page = Pages.Of(inline.List(kind, call.AccountId, holder), n => n, call.Request);
        return xml =>
        {
            xml.Strings("PolicyNames", page.Items);
            page.Write(xml);
        };
    }
}
