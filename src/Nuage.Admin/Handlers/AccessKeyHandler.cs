using Nuage.Admin.Errors;
using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iam.Management;

namespace Nuage.Admin.Handlers;

/// <summary>
/// Access keys of an account's root user (routes without {user}) and of IAM users: list, create (secret shown
/// once), activate or deactivate (PATCH {"status":"Active"|"Inactive"}), delete.
/// </summary>
public sealed class AccessKeyHandler(AccessKeyService keys)
{
    public Task<AdminResult> ListAsync(AdminCall call) =>
        Task.FromResult(AdminResult.Ok(new { AccessKeys = keys.List(call.Account.Id, UserOf(call)).Select(k => AccessKeyDocument.From(k)) }));

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var key = await keys.CreateAsync(call.Account.Id, UserOf(call), call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(AccessKeyDocument.From(key, withSecret: true));
    }

    public async Task<AdminResult> UpdateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var active = body.RequiredString("status") switch
        {
            "Active" => true,
            "Inactive" => false,
            var other => throw new AdminException(AdminError.InvalidInput, $"The field \"status\" must be \"Active\" or \"Inactive\", not \"{other}\"."),
        };
        var key = await keys.SetActiveAsync(call.Account.Id, UserOf(call), call["key"], active, call.Aborted).ConfigureAwait(false);
        return AdminResult.Ok(AccessKeyDocument.From(key));
    }

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await keys.DeleteAsync(call.Account.Id, UserOf(call), call["key"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    private static string? UserOf(AdminCall call) => call.Scope.Values.GetValueOrDefault("user");
}
