using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Nuage.Iam;
using Nuage.Iot.Registry;

namespace Nuage.Iot.Tests.Registry;

public sealed class DeviceCertificatesTests
{
    [Fact]
    public void A_certificate_id_is_its_sha256_fingerprint_and_never_a_token_credential_id()
    {
        using var certificate = SelfSigned();
        var id = DeviceCertificates.IdOf(certificate);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), id);
        Assert.True(DeviceCertificates.IsCertificateId(id));
        Assert.False(DeviceTokens.IsCredentialId(id));
        Assert.False(DeviceCertificates.IsCertificateId(DeviceTokens.NewCredentialId()));
        Assert.False(DeviceCertificates.IsCertificateId(id.ToUpperInvariant()));
        Assert.False(DeviceCertificates.IsCertificateId(id[..^1]));
        Assert.False(DeviceCertificates.IsCertificateId(null));
    }

    [Fact]
    public void Parse_reads_one_pem_certificate_and_refuses_anything_else()
    {
        using var certificate = SelfSigned();
        using var parsed = DeviceCertificates.Parse(certificate.ExportCertificatePem());
        Assert.Equal(certificate.RawData, parsed.RawData);

        foreach (var bad in new[] { null, "", "not a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", new string('A', DeviceCertificates.MaxPemLength + 1) })
        {
            Assert.Equal(IamErrorCode.InvalidInput, Assert.Throws<IamException>(() => DeviceCertificates.Parse(bad)).Code);
        }

        // The private key never leaves the device: a PEM that carries one is refused, not trimmed.
        var withKey = certificate.ExportCertificatePem() + "\n" + certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
        Assert.Equal(IamErrorCode.InvalidInput, Assert.Throws<IamException>(() => DeviceCertificates.Parse(withKey)).Code);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=lamp-1", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
