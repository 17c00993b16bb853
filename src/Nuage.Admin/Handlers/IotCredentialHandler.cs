using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iot.Registry;

namespace Nuage.Admin.Handlers;

/// <summary>
/// Device credentials (docs/iot-devices.md "Credentials"): create one for a thing (its token in this answer only),
/// list a thing's, and disable, enable, rotate or delete one by its id.
/// </summary>
public sealed class IotCredentialHandler(IotRegistry registry)
{
    public async Task<AdminResult> ListAsync(AdminCall call) =>
        AdminResult.Ok(new
        {
            Credentials = (await registry.ListCredentialsAsync(call.Account.Id, call["thing"], call.Aborted).ConfigureAwait(false)).Select(DeviceCredentialDocument.From),
        });

    public async Task<AdminResult> CreateAsync(AdminCall call) =>
        AdminResult.Created(DeviceCredentialDocument.From(await registry.CreateCredentialAsync(call.Account.Id, call["thing"], call.Aborted).ConfigureAwait(false)));

    public Task<AdminResult> DisableAsync(AdminCall call) => SetActiveAsync(call, false);

    public Task<AdminResult> EnableAsync(AdminCall call) => SetActiveAsync(call, true);

    public async Task<AdminResult> RotateAsync(AdminCall call) =>
        AdminResult.Created(DeviceCredentialDocument.From(await registry.RotateCredentialAsync(call.Account.Id, call["credential"], call.Aborted).ConfigureAwait(false)));

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await registry.DeleteCredentialAsync(call.Account.Id, call["credential"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    private async Task<AdminResult> SetActiveAsync(AdminCall call, bool active) =>
        AdminResult.Ok(DeviceCredentialDocument.From(await registry.SetCredentialActiveAsync(call.Account.Id, call["credential"], active, call.Aborted).ConfigureAwait(false)));
}
