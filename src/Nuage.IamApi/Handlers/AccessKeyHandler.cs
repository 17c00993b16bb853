using Nuage.Iam;
using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;
using Nuage.IamApi.Xml;

namespace Nuage.IamApi.Handlers;

/// <summary>
/// CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey. Without UserName they act on the caller's own
/// keys ("CreateAccessKey": "If you do not specify a user name, IAM determines the user name implicitly based on
/// the AWS access key ID signing the request"): an IAM user's, or the account root user's.
/// </summary>
public sealed class AccessKeyHandler(AccessKeyService keys, IdentityRegistry registry)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        actions["CreateAccessKey"] = CreateAsync;
        actions["ListAccessKeys"] = ListAsync;
        actions["UpdateAccessKey"] = UpdateAsync;
        actions["DeleteAccessKey"] = DeleteAsync;
    }

    private async Task<ResultWriter?> CreateAsync(IamCall call)
    {
        var userName = await AuthorizeOwnerAsync(call);
        var key = await keys.CreateAsync(call.AccountId, userName, call.Cancellation);
        return xml =>
        {
            xml.Start("AccessKey");
            IamXml.AccessKey(xml, key, key.UserName ?? string.Empty, withSecret: true);
            xml.End();
        };
    }

    private async Task<ResultWriter?> ListAsync(IamCall call)
    {
        var userName = await AuthorizeOwnerAsync(call);
        var page = Pages.Of(keys.List(call.AccountId, userName), k => k.AccessKeyId, call.Request);
        var owner = page.Items.FirstOrDefault()?.UserName ?? userName;
        return xml =>
        {
            xml.Element("UserName", owner);
            xml.Members("AccessKeyMetadata", page.Items, (x, k) => IamXml.AccessKey(x, k, k.UserName ?? string.Empty, withSecret: false));
            page.Write(xml);
        };
    }

    private async Task<ResultWriter?> UpdateAsync(IamCall call)
    {
        var id = call.Request.Require("AccessKeyId");
        var active = call.Request.Require("Status") switch
        {
            "Active" => true,
            "Inactive" => false,
            var other => throw new IamException(
                IamErrorCode.ValidationError,
                $"1 validation error detected: Value '{other}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"),
        };
        var userName = await AuthorizeOwnerAsync(call);
        await keys.SetActiveAsync(call.AccountId, userName, id, active, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> DeleteAsync(IamCall call)
    {
        var id = call.Request.Require("AccessKeyId");
        var userName = await AuthorizeOwnerAsync(call);
        await keys.DeleteAsync(call.AccountId, userName, id, call.Cancellation);
        return null;
    }

    /// <summary>The user whose keys are meant (null: the account root's) after checking the caller may act on them.</summary>
    private async Task<string?> AuthorizeOwnerAsync(IamCall call)
    {
        var userName = call.Request.Get("UserName") ?? call.Principal.UserName;
        if (userName is null && !call.Principal.IsRoot)
        {
            throw new IamException(IamErrorCode.ValidationError, "Must specify userName when calling with non-User credentials");
        }

        await call.AuthorizeAsync(userName is null ? IamArns.Root(call.AccountId) : call.ArnOf(registry.Current, "user", userName));
        return userName;
    }
}
