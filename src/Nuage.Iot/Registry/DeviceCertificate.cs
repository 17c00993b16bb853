namespace Nuage.Iot.Registry;

/// <summary>A device certificate as the registry shows it: its id (SHA-256 fingerprint), thing, state and validity window.</summary>
public sealed record DeviceCertificate(
    string CertificateId, string AccountId, string ThingName, bool Active, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset CreatedAt, string CertificatePem);
