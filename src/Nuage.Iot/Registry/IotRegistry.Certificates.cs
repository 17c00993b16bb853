using System.Security.Cryptography.X509Certificates;
using Nuage.Iam;
using Nuage.Iot.Identity;
using Nuage.Metadata;

namespace Nuage.Iot.Registry;

/// <summary>
/// X.509 device certificates (docs/iot-devices.md "Certificates"): registered for a thing from their PEM, enabled,
/// disabled and deleted by id, and what the broker asks of the certificate a client presented over TLS.
/// </summary>
public sealed partial class IotRegistry
{
    /// <summary>
    /// AWS IoT RegisterCertificateWithoutCA, bound to a thing at once (AttachThingPrincipal): the certificate id is its
    /// SHA-256 fingerprint, so the same certificate cannot be registered twice, in this account or another.
    /// </summary>
    public Task<DeviceCertificate> RegisterCertificateAsync(string accountId, string thing, string? certificatePem, bool active, CancellationToken cancellationToken)
    {
        using var certificate = DeviceCertificates.Parse(certificatePem);
        var id = DeviceCertificates.IdOf(certificate);
        var pem = certificate.ExportCertificatePem();
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        return WriteAsync(
            (t, now) =>
            {
                var snapshot = _current!;
                FindThing(snapshot, accountId, thing);
                if (CredentialCount(snapshot, accountId, thing) >= MaxCredentialsPerThing)
                {
                    throw new IamException(IamErrorCode.LimitExceeded, $"The thing {thing} has {MaxCredentialsPerThing} credentials already; delete one first.");
                }

                // AWS IoT answers ResourceAlreadyExistsException; the id is the certificate's own fingerprint, so
                // saying it exists tells the caller nothing it did not hold already.
                return t.InsertIotCertificate(new IotCertificateRow(id, accountId, thing, pem, notBefore, notAfter, active, now))
                    ? true
                    : throw new IamException(IamErrorCode.EntityAlreadyExists, $"The certificate {id} is registered already.");
            },
            s => CertificateOf(s.Certificates[id]),
            cancellationToken);
    }

    public async Task<IReadOnlyList<DeviceCertificate>> ListCertificatesAsync(string accountId, string thing, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        FindThing(snapshot, accountId, thing);
        return [.. snapshot.Certificates.Values.Where(c => c.AccountId == accountId && c.ThingName == thing).OrderBy(c => c.CreatedAt).Select(CertificateOf)];
    }

    public Task<DeviceCertificate> SetCertificateActiveAsync(string accountId, string certificateId, bool active, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                FindCertificate(_current!, accountId, certificateId);
                return t.SetIotCertificateActive(certificateId, active);
            },
            s => CertificateOf(s.Certificates[certificateId]),
            cancellationToken);

    public Task DeleteCertificateAsync(string accountId, string certificateId, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                FindCertificate(_current!, accountId, certificateId);
                return t.DeleteIotCertificate(certificateId);
            },
            _ => true,
            cancellationToken);

    /// <summary>
    /// The account of a registered, usable certificate, or null: read as CONNECT arrives, to place the client id in
    /// that account (docs/iot.md "Isolation"), before the connect handler decides.
    /// </summary>
    public async ValueTask<string?> AccountOfCertificateAsync(X509Certificate2 certificate, CancellationToken cancellationToken) =>
        (await AuthenticateCertificateAsync(certificate, cancellationToken).ConfigureAwait(false))?.AccountId;

    /// <summary>
    /// The device a client certificate stands for: registered, active, within its validity window, its thing still
    /// there. The TLS handshake has already proved the client holds the certificate's private key.
    /// </summary>
    public async ValueTask<DeviceIdentity?> AuthenticateCertificateAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Certificates.TryGetValue(DeviceCertificates.IdOf(certificate), out var row) && IsUsable(snapshot, row, DateTimeOffset.UtcNow)
            ? new DeviceIdentity(row.AccountId, row.ThingName, row.CertificateId)
            : null;
    }

    private static bool IsUsable(RegistrySnapshot snapshot, IotCertificateRow certificate, DateTimeOffset now) =>
        certificate.Active && now >= certificate.NotBefore && now <= certificate.NotAfter
        && snapshot.Things.ContainsKey((certificate.AccountId, certificate.ThingName));

    private static DeviceCertificate CertificateOf(IotCertificateRow row) =>
        new(row.CertificateId, row.AccountId, row.ThingName, row.Active, row.NotBefore, row.NotAfter, row.CreatedAt, row.CertificatePem);

    /// <summary>A certificate of the account; another account's is reported as missing, never as someone else's.</summary>
    private static IotCertificateRow FindCertificate(RegistrySnapshot snapshot, string accountId, string certificateId) =>
        snapshot.Certificates.GetValueOrDefault(certificateId) is { } certificate && certificate.AccountId == accountId
            ? certificate
            : throw new IamException(IamErrorCode.NoSuchEntity, $"There is no device certificate {certificateId} in this account.");
}
