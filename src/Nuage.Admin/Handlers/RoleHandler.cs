using Nuage.Admin.Errors;
using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iam.Management;

namespace Nuage.Admin.Handlers;

/// <summary>IAM roles of an account; PUT roles/{role}/trust-policy takes the trust policy document as the body.</summary>
public sealed class RoleHandler(RoleService roles)
{
    public Task<AdminResult> ListAsync(AdminCall call) =>
        Task.FromResult(AdminResult.Ok(new { Roles = roles.List(call.Account.Id, call.Query("pathPrefix")).Select(RoleDocument.From) }));

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var duration = body.OptionalWholeNumber("maxSessionDuration");
        if (duration > int.MaxValue)
        {
            throw new AdminException(AdminError.InvalidInput, "The field \"maxSessionDuration\" is out of range.");
        }

        var role = await roles.CreateAsync(
            call.Account.Id, body.RequiredString("name"), body.OptionalString("path"), body.RequiredDocument("trustPolicy"),
            body.OptionalString("description"), (int?)duration, call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(RoleDocument.From(role));
    }

    public Task<AdminResult> GetAsync(AdminCall call) => Task.FromResult(AdminResult.Ok(RoleDocument.From(roles.Get(call.Account.Id, call["role"]))));

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await roles.DeleteAsync(call.Account.Id, call["role"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public async Task<AdminResult> UpdateTrustPolicyAsync(AdminCall call)
    {
        await roles.UpdateTrustPolicyAsync(call.Account.Id, call["role"], await call.ReadTextAsync().ConfigureAwait(false), call.Aborted).ConfigureAwait(false);
        return AdminResult.Ok(RoleDocument.From(roles.Get(call.Account.Id, call["role"])));
    }
}
