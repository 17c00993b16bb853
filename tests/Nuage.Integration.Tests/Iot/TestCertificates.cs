using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Self-signed certificates made in the test, with no CA (docs/iot.md "TLS"): the MQTT TLS listener's server
/// certificate and devices' client certificates, as X509Certificate2 with their key and as PEM files for the server
/// and for mosquitto.
/// </summary>
internal static class TestCertificates
{
    /// <summary>A server certificate for 127.0.0.1 and localhost, valid for a day.</summary>
    public static X509Certificate2 Server() =>
        Create("CN=nuage-test-server", serverAuth: true, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

    /// <summary>A device's client certificate, valid for a day unless the window is given.</summary>
    public static X509Certificate2 Device(string thingName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        Create("CN=" + thingName, serverAuth: false, notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-5), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));

    public static string CertificatePem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string KeyPem(X509Certificate2 certificate) => certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    /// <summary>Writes NAME.pem and NAME.key into <paramref name="directory"/>; returns their paths.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        var certificatePath = Path.Combine(directory, name + ".pem");
        var keyPath = Path.Combine(directory, name + ".key");
        File.WriteAllText(certificatePath, CertificatePem(certificate));
        File.WriteAllText(keyPath, KeyPem(certificate));
        return (certificatePath, keyPath);
    }

    private static X509Certificate2 Create(string subject, bool serverAuth, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false));
        if (serverAuth)
        {
            // mosquitto checks the host it dialled (127.0.0.1) against the certificate's names.
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        using var created = request.CreateSelfSigned(notBefore, notAfter);
        // Through PKCS#12, so SslStream can use the key as from any stored certificate.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
