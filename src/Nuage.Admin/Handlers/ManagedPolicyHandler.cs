using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iam;
using Nuage.Iam.Identities;
using Nuage.Iam.Management;

namespace Nuage.Admin.Handlers;

/// <summary>
/// Customer managed policies of an account, addressed by name (unique in an account; an ARN would not fit a path
/// segment), and their attachment to users, groups and roles ({kind}/{name}/attached-policies/{policy}).
/// </summary>
public sealed class ManagedPolicyHandler(ManagedPolicyService policies)
{
    public Task<AdminResult> ListAsync(AdminCall call) =>
        Task.FromResult(AdminResult.Ok(new
        {
            Policies = policies.List(call.Account.Id, call.Query("pathPrefix"), onlyAttached: false)
                .Select(p => ManagedPolicyDocument.From(p, policies.AttachmentCount(p))),
        }));

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var policy = await policies.CreateAsync(
            call.Account.Id, body.RequiredString("name"), body.OptionalString("path"), body.RequiredDocument("document"),
            body.OptionalString("description"), call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(ManagedPolicyDocument.From(policy, 0, withDocument: true));
    }

    public Task<AdminResult> GetAsync(AdminCall call)
    {
        var policy = Find(call, call["policy"]);
        return Task.FromResult(AdminResult.Ok(ManagedPolicyDocument.From(policy, policies.AttachmentCount(policy), withDocument: true)));
    }

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await policies.DeleteAsync(call.Account.Id, Find(call, call["policy"]).Arn, call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public Task<AdminResult> ListAttachedAsync(AdminCall call, PolicyHolderKind kind, string holder) =>
        Task.FromResult(AdminResult.Ok(new
        {
            AttachedPolicies = policies.AttachedTo(kind, call.Account.Id, call[holder]).Select(p => new { p.Name, p.Arn }),
        }));

    public async Task<AdminResult> AttachAsync(AdminCall call, PolicyHolderKind kind, string holder)
    {
        await policies.AttachAsync(kind, call.Account.Id, call[holder], Find(call, call["policy"]).Arn, call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public async Task<AdminResult> DetachAsync(AdminCall call, PolicyHolderKind kind, string holder)
    {
        await policies.DetachAsync(kind, call.Account.Id, call[holder], Find(call, call["policy"]).Arn, call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    private static ManagedPolicy Find(AdminCall call, string name) =>
        call.Scope.Directory.Policies.GetValueOrDefault(new EntityName(call.Account.Id, name))
        ?? throw new IamException(IamErrorCode.NoSuchEntity, $"The managed policy {name} does not exist in account {call.Account.Name}.");
}
