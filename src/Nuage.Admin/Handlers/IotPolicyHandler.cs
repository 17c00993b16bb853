using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iot.Registry;

namespace Nuage.Admin.Handlers;

/// <summary>
/// An account's IoT policies (CreatePolicy, GetPolicy, ListPolicies, DeletePolicy) and their attachment to things
/// and thing groups (AttachPolicy, DetachPolicy). Documents are checked by the IAM policy parser and must name iot:
/// actions only.
/// </summary>
public sealed class IotPolicyHandler(IotRegistry registry)
{
    public async Task<AdminResult> ListAsync(AdminCall call) =>
        AdminResult.Ok(new { Policies = (await registry.ListPoliciesAsync(call.Account.Id, call.Aborted).ConfigureAwait(false)).Select(IotPolicyDocument.From) });

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var policy = await registry.CreatePolicyAsync(call.Account.Id, body.RequiredString("policyName"), body.RequiredDocument("policyDocument"), call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(IotPolicyDocument.From(policy));
    }

    public async Task<AdminResult> GetAsync(AdminCall call) =>
        AdminResult.Ok(IotPolicyDocument.From(await registry.GetPolicyAsync(call.Account.Id, call["policy"], call.Aborted).ConfigureAwait(false)));

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await registry.DeletePolicyAsync(call.Account.Id, call["policy"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public async Task<AdminResult> AttachAsync(AdminCall call, PolicyTargetKind kind, string valueName) =>
        AdminResult.Ok(IotPolicyDocument.From(await registry.AttachPolicyAsync(call.Account.Id, call["policy"], kind, call[valueName], call.Aborted).ConfigureAwait(false)));

    public async Task<AdminResult> DetachAsync(AdminCall call, PolicyTargetKind kind, string valueName) =>
        AdminResult.Ok(IotPolicyDocument.From(await registry.DetachPolicyAsync(call.Account.Id, call["policy"], kind, call[valueName], call.Aborted).ConfigureAwait(false)));
}
