using Nuage.Iot.Registry;

namespace Nuage.Admin.Json;

/// <summary>
/// A device certificate as AWS IoT describes one (certificateId, certificateArn, status, certificatePem, validity),
/// with the thing it is bound to. <see cref="CredentialId"/> repeats the id and <see cref="Kind"/> is "certificate",
/// so a thing's credential listing holds tokens and certificates in one array (docs/admin-api.md).
/// </summary>
public sealed record DeviceCertificateDocument(
    string CertificateId, string CertificateArn, string ThingName, string Status, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset CreatedAt,
    string? CertificatePem)
{
    public string CredentialId => CertificateId;

    public string Kind => "certificate";

    /// <summary>The document; the PEM only where it was asked for (the certificate listing and the registration's answer).</summary>
    public static DeviceCertificateDocument From(DeviceCertificate certificate, string arn, bool withPem) =>
        new(certificate.CertificateId, arn, certificate.ThingName, certificate.Active ? "Active" : "Inactive",
            certificate.NotBefore, certificate.NotAfter, certificate.CreatedAt, withPem ? certificate.CertificatePem : null);
}
