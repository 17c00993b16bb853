using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iot.Registry;

namespace Nuage.Admin.Handlers;

/// <summary>
/// Device credentials (docs/iot-devices.md "Credentials"): create one for a thing (its token in this answer only),
/// register an X.509 certificate for it, list a thing's tokens and certificates, and disable, enable, rotate or delete
/// one by its id. A certificate's id (64 hex digits, <see cref="DeviceCertificates"/>) never has a token id's shape, so
/// the same routes serve both kinds.
/// </summary>
public sealed class IotCredentialHandler(IotRegistry registry)
{
    public async Task<AdminResult> ListAsync(AdminCall call)
    {
        var tokens = await registry.ListCredentialsAsync(call.Account.Id, call["thing"], call.Aborted).ConfigureAwait(false);
        var certificates = await registry.ListCertificatesAsync(call.Account.Id, call["thing"], call.Aborted).ConfigureAwait(false);
        return AdminResult.Ok(new
        {
            Credentials = tokens.Select(DeviceCredentialDocument.From).Cast<object>().Concat(certificates.Select(c => CertificateDocument(call, c, withPem: false))),
        });
    }

    /// <summary>
    /// AWS IoT RegisterCertificateWithoutCA for a thing: <c>{"certificatePem", "status"?: "Active"|"Inactive"}</c>
    /// (default Active). The answer carries the id, the SHA-256 fingerprint the device is then known by.
    /// </summary>
    public async Task<AdminResult> RegisterCertificateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var active = body.OptionalString("status")?.ToUpperInvariant() switch
        {
            null or "ACTIVE" => true,
            "INACTIVE" => false,
            _ => throw new Nuage.Iam.IamException(Nuage.Iam.IamErrorCode.InvalidInput, "status must be Active or Inactive."),
        };
        var certificate = await registry.RegisterCertificateAsync(call.Account.Id, call["thing"], body.RequiredString("certificatePem"), active, call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(CertificateDocument(call, certificate, withPem: true));
    }

    /// <summary>A thing's certificates with their PEM (AWS IoT DescribeCertificate's certificatePem).</summary>
    public async Task<AdminResult> ListCertificatesAsync(AdminCall call) =>
        AdminResult.Ok(new
        {
            Certificates = (await registry.ListCertificatesAsync(call.Account.Id, call["thing"], call.Aborted).ConfigureAwait(false))
                .Select(c => CertificateDocument(call, c, withPem: true)),
        });

    public async Task<AdminResult> CreateAsync(AdminCall call) =>
        AdminResult.Created(DeviceCredentialDocument.From(await registry.CreateCredentialAsync(call.Account.Id, call["thing"], call.Aborted).ConfigureAwait(false)));

    public Task<AdminResult> DisableAsync(AdminCall call) => SetActiveAsync(call, false);

    public Task<AdminResult> EnableAsync(AdminCall call) => SetActiveAsync(call, true);

    public async Task<AdminResult> RotateAsync(AdminCall call) =>
        AdminResult.Created(DeviceCredentialDocument.From(await registry.RotateCredentialAsync(call.Account.Id, call["credential"], call.Aborted).ConfigureAwait(false)));

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        var id = call["credential"];
        await (DeviceCertificates.IsCertificateId(id)
            ? registry.DeleteCertificateAsync(call.Account.Id, id, call.Aborted)
            : registry.DeleteCredentialAsync(call.Account.Id, id, call.Aborted)).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    private async Task<AdminResult> SetActiveAsync(AdminCall call, bool active)
    {
        var id = call["credential"];
        return DeviceCertificates.IsCertificateId(id)
            ? AdminResult.Ok(CertificateDocument(call, await registry.SetCertificateActiveAsync(call.Account.Id, id, active, call.Aborted).ConfigureAwait(false), withPem: false))
            : AdminResult.Ok(DeviceCredentialDocument.From(await registry.SetCredentialActiveAsync(call.Account.Id, id, active, call.Aborted).ConfigureAwait(false)));
    }

    private DeviceCertificateDocument CertificateDocument(AdminCall call, DeviceCertificate certificate, bool withPem) =>
        DeviceCertificateDocument.From(certificate, registry.CredentialArn(call.Account.Id, certificate.CertificateId), withPem);
}
