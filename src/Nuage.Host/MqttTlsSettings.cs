using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nuage.Host;

/// <summary>
/// The MQTT over TLS listener's address and server certificate (docs/iot.md "TLS"), read and checked before anything
/// listens, so a region never starts with a certificate it cannot serve.
/// </summary>
public sealed record MqttTlsSettings(IPEndPoint Listen, X509Certificate2 Certificate)
{
    /// <summary>MQTT over TLS's registered port (IANA "secure-mqtt", 8883), on loopback like every other default.</summary>
    public const string DefaultListen = "127.0.0.1:8883";

    /// <summary>
    /// The settings from the three options, or null when no certificate is given (the listener is off). A listen
    /// address or key without a certificate, or a certificate without its key, is a mistake, refused as FormatException.
    /// </summary>
    public static MqttTlsSettings? From(string? listen, string? certificatePath, string? keyPath)
    {
        if (certificatePath is null)
        {
            return listen is null && keyPath is null
                ? null
                : throw new FormatException("--mqtt-tls-listen and --mqtt-tls-key need --mqtt-tls-certificate.");
        }

        if (keyPath is null)
        {
            throw new FormatException("--mqtt-tls-certificate needs --mqtt-tls-key, the PEM file of its private key.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(Path.GetFullPath(certificatePath), Path.GetFullPath(keyPath));
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new FormatException($"--mqtt-tls-certificate/--mqtt-tls-key: cannot read a certificate and its private key from {certificatePath} and {keyPath}: {e.Message}");
        }

        return new MqttTlsSettings(ListenAddress.Parse(listen ?? DefaultListen), certificate);
    }
}
