using Nuage.Admin.Http;
using Nuage.Iam.Management;

namespace Nuage.Admin.Handlers;

/// <summary>
/// Inline policies of users, groups and roles ({kind}/{name}/policies/{policy}). PUT takes the policy document
/// itself as the body, so `curl --data @policy.json` and `nuage admin policy put --file -` send it unchanged.
/// </summary>
public sealed class InlinePolicyHandler(InlinePolicyService policies)
{
    public Task<AdminResult> ListAsync(AdminCall call, PolicyHolderKind kind, string holder) =>
        Task.FromResult(AdminResult.Ok(new { PolicyNames = policies.List(kind, call.Account.Id, call[holder]) }));

    public Task<AdminResult> GetAsync(AdminCall call, PolicyHolderKind kind, string holder) =>
        Task.FromResult(AdminResult.Ok(new
        {
            PolicyName = call["policy"],
            Document = policies.Get(kind, call.Account.Id, call[holder], call["policy"]),
        }));

    public async Task<AdminResult> PutAsync(AdminCall call, PolicyHolderKind kind, string holder)
    {
        var document = await call.ReadTextAsync().ConfigureAwait(false);
        await policies.PutAsync(kind, call.Account.Id, call[holder], call["policy"], document, call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public async Task<AdminResult> DeleteAsync(AdminCall call, PolicyHolderKind kind, string holder)
    {
        await policies.DeleteAsync(kind, call.Account.Id, call[holder], call["policy"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }
}
