using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iam.Management;

namespace Nuage.Admin.Handlers;

/// <summary>IAM users of an account. DELETE ?force=true also removes the user's keys, policies and memberships.</summary>
public sealed class UserHandler(UserService users)
{
    public Task<AdminResult> ListAsync(AdminCall call) =>
        Task.FromResult(AdminResult.Ok(new { Users = users.List(call.Account.Id, call.Query("pathPrefix")).Select(UserDocument.From) }));

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var user = await users.CreateAsync(call.Account.Id, body.RequiredString("name"), body.OptionalString("path"), call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(UserDocument.From(user));
    }

    public Task<AdminResult> GetAsync(AdminCall call) => Task.FromResult(AdminResult.Ok(UserDocument.From(users.Get(call.Account.Id, call["user"]))));

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        var force = string.Equals(call.Query("force"), "true", StringComparison.OrdinalIgnoreCase);
        await users.DeleteAsync(call.Account.Id, call["user"], force, call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }
}
