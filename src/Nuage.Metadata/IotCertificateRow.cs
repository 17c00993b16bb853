namespace Nuage.Metadata;

/// <summary>
/// An X.509 device certificate registered for a thing (schema 020): its id (SHA-256 of the DER bytes, lower-case hex),
/// the PEM text, the validity window read from it, and whether it is active.
/// </summary>
public sealed record IotCertificateRow(
    string CertificateId, string AccountId, string ThingName, string CertificatePem, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool Active, DateTimeOffset CreatedAt);
