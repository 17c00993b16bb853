using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;

namespace Nuage.IamApi.Handlers;

/// <summary>Put/Delete{User,Role}PermissionsBoundary ("IAM API Reference", Actions).</summary>
public sealed class PermissionsBoundaryHandler(PermissionsBoundaryService boundaries, IdentityRegistry registry)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var kind in new[] { PolicyHolderKind.User, PolicyHolderKind.Role })
        {
            var word = kind.ToString();
            actions["Put" + word + "PermissionsBoundary"] = call => PutAsync(call, kind);
            actions["Delete" + word + "PermissionsBoundary"] = call => DeleteAsync(call, kind);
        }
    }

    private async Task<ResultWriter?> PutAsync(IamCall call, PolicyHolderKind kind)
    {
        var arn = call.Request.Require("PermissionsBoundary");
        var name = await call.AuthorizeHolderAsync(registry.Current, kind);
        await boundaries.PutAsync(kind, call.AccountId, name, arn, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> DeleteAsync(IamCall call, PolicyHolderKind kind)
    {
        var name = await call.AuthorizeHolderAsync(registry.Current, kind);
        await boundaries.DeleteAsync(kind, call.AccountId, name, call.Cancellation);
        return null;
    }
}
