using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iam.Management;

namespace Nuage.Admin.Handlers;

/// <summary>IAM groups of an account and their members (PUT/DELETE groups/{group}/members/{user}).</summary>
public sealed class GroupHandler(GroupService groups)
{
    public Task<AdminResult> ListAsync(AdminCall call) =>
        Task.FromResult(AdminResult.Ok(new { Groups = groups.List(call.Account.Id, call.Query("pathPrefix")).Select(g => GroupDocument.From(g)) }));

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var group = await groups.CreateAsync(call.Account.Id, body.RequiredString("name"), body.OptionalString("path"), call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(GroupDocument.From(group, []));
    }

    public Task<AdminResult> GetAsync(AdminCall call)
    {
        var group = groups.Get(call.Account.Id, call["group"]);
        return Task.FromResult(AdminResult.Ok(GroupDocument.From(group, groups.Members(call.Account.Id, group.Name))));
    }

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await groups.DeleteAsync(call.Account.Id, call["group"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public async Task<AdminResult> AddMemberAsync(AdminCall call)
    {
        await groups.AddUserAsync(call.Account.Id, call["group"], call["user"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public async Task<AdminResult> RemoveMemberAsync(AdminCall call)
    {
        await groups.RemoveUserAsync(call.Account.Id, call["group"], call["user"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }
}
