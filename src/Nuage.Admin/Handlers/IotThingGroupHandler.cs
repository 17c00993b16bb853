using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iot.Registry;

namespace Nuage.Admin.Handlers;

/// <summary>An account's thing groups and their members (CreateThingGroup, AddThingToThingGroup, ...).</summary>
public sealed class IotThingGroupHandler(IotRegistry registry)
{
    public async Task<AdminResult> ListAsync(AdminCall call) =>
        AdminResult.Ok(new { ThingGroups = (await registry.ListGroupsAsync(call.Account.Id, call.Aborted).ConfigureAwait(false)).Select(IotThingGroupDocument.From) });

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var group = await registry.CreateGroupAsync(call.Account.Id, body.RequiredString("thingGroupName"), body.OptionalString("description"), call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(IotThingGroupDocument.From(group));
    }

    public async Task<AdminResult> GetAsync(AdminCall call) =>
        AdminResult.Ok(IotThingGroupDocument.From(await registry.DescribeGroupAsync(call.Account.Id, call["group"], call.Aborted).ConfigureAwait(false)));

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await registry.DeleteGroupAsync(call.Account.Id, call["group"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public async Task<AdminResult> AddThingAsync(AdminCall call) =>
        AdminResult.Ok(IotThingGroupDocument.From(await registry.AddThingToGroupAsync(call.Account.Id, call["group"], call["thing"], call.Aborted).ConfigureAwait(false)));

    public async Task<AdminResult> RemoveThingAsync(AdminCall call) =>
        AdminResult.Ok(IotThingGroupDocument.From(await registry.RemoveThingFromGroupAsync(call.Account.Id, call["group"], call["thing"], call.Aborted).ConfigureAwait(false)));
}
