using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Nuage.Iam;

namespace Nuage.Iot.Registry;

/// <summary>
/// X.509 device certificates registered without a CA (AWS IoT RegisterCertificateWithoutCA): the certificate is the
/// credential itself, so Nuage trusts exactly the certificates an account registered and no chain or trust store.
/// </summary>
/// <remarks>
/// The id is the SHA-256 of the certificate's DER bytes in lower-case hex, as AWS IoT's certificateId ("The ID of the
/// certificate ... the SHA-256 fingerprint"): 64 hex digits, so it never has the shape of a token credential id
/// ("dev_" and 32 digits, <see cref="DeviceTokens"/>) and the admin API tells the two kinds apart by the id alone.
/// </remarks>
public static class DeviceCertificates
{
    /// <summary>AWS IoT's limit on certificatePem (RegisterCertificateWithoutCA: "Length Constraints: Maximum length of 65536").</summary>
    public const int MaxPemLength = 65536;

    private const int IdHexDigits = 64;

    public static string IdOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }

    /// <summary>True when <paramref name="id"/> has the shape of a certificate id.</summary>
    public static bool IsCertificateId(string? id) =>
        id is { Length: IdHexDigits } && !id.AsSpan().ContainsAnyExcept("0123456789abcdef");

    /// <summary>
    /// The one certificate of a PEM text (a private key or anything else refused), or InvalidInput, which AWS IoT
    /// answers as CertificateValidationException.
    /// </summary>
    public static X509Certificate2 Parse(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem) || pem.Length > MaxPemLength)
        {
            throw new IamException(IamErrorCode.InvalidInput, $"certificatePem must hold one PEM certificate of at most {MaxPemLength} characters.");
        }

        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            // The private key stays on the device; a PEM that carries one was sent by mistake and is not kept.
            throw new IamException(IamErrorCode.InvalidInput, "certificatePem holds a private key: send the certificate only, the key stays on the device.");
        }

        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new IamException(IamErrorCode.InvalidInput, "certificatePem is not a PEM X.509 certificate: " + e.Message);
        }
    }
}
