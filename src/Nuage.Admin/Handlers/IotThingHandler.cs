using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iot.Registry;

namespace Nuage.Admin.Handlers;

/// <summary>
/// An account's things (docs/iot-devices.md): the admin API's CreateThing, DescribeThing, UpdateThing, ListThings and
/// DeleteThing. The registry's refusals are IAM errors already (NoSuchEntity 404, EntityAlreadyExists 409,
/// InvalidInput 400), so they reach the wire through the pipeline's one mapping.
/// </summary>
public sealed class IotThingHandler(IotRegistry registry)
{
    public async Task<AdminResult> ListAsync(AdminCall call) =>
        AdminResult.Ok(new { Things = (await registry.ListThingsAsync(call.Account.Id, call.Aborted).ConfigureAwait(false)).Select(IotThingDocument.From) });

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var thing = await registry.CreateThingAsync(
            call.Account.Id, body.RequiredString("thingName"), body.OptionalString("thingTypeName"), body.OptionalStringMap("attributes"), call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(IotThingDocument.From(thing));
    }

    public async Task<AdminResult> GetAsync(AdminCall call) =>
        AdminResult.Ok(IotThingDocument.From(await registry.DescribeThingAsync(call.Account.Id, call["thing"], call.Aborted).ConfigureAwait(false)));

    /// <summary>UpdateThing: <c>{"thingTypeName"?, "removeThingType"?, "attributes"?, "merge"?, "expectedVersion"?}</c>.</summary>
    public async Task<AdminResult> UpdateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var update = new ThingUpdate(
            body.OptionalString("thingTypeName"), body.OptionalBool("removeThingType") ?? false, body.OptionalStringMap("attributes"),
            body.OptionalBool("merge") ?? false, body.OptionalWholeNumber("expectedVersion"));
        return AdminResult.Ok(IotThingDocument.From(await registry.UpdateThingAsync(call.Account.Id, call["thing"], update, call.Aborted).ConfigureAwait(false)));
    }

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await registry.DeleteThingAsync(call.Account.Id, call["thing"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }
}
