using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Nuage.Mqtt;

/// <summary>
/// MQTT over TLS (--mqtt-tls-listen, docs/iot.md "TLS"): Kestrel terminates TLS on its own listener and hands the
/// decrypted bytes to the same broker as the plain TCP listener, so both share one connection handler, one set of
/// event handlers and one port discovery. Kestrel's TLS middleware puts the client certificate in the connection's
/// ITlsConnectionFeature, where MQTTnet's connection context reads it (IMqttChannelAdapter.ClientCertificate).
/// </summary>
public static class MqttTlsListener
{
    /// <summary>
    /// TLS 1.2 and 1.3 only: TLS 1.0 and 1.1 are deprecated (RFC 8996), and AWS IoT Core's own security policies
    /// start at TLS 1.2 ("Security policies" of AWS IoT Core's TLS configuration).
    /// </summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Makes a Kestrel listener speak MQTT over TLS with <paramref name="serverCertificate"/> (which holds its private key).</summary>
    public static ListenOptions UseNuageMqttOverTls(this ListenOptions listen, X509Certificate2 serverCertificate)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = serverCertificate,
            SslProtocols = Protocols,
            // A client certificate is asked for but not required: token devices and applications connect over TLS
            // with a user name and password, and only device certificates carry an identity.
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            // Devices' certificates are registered one by one without a CA (AWS IoT RegisterCertificateWithoutCA), so
            // no chain to the OS trust store exists or is wanted: the handshake accepts any certificate the client
            // proves it holds the key of, and the broker then admits only a registered, active, unexpired one
            // (IotRegistry.AuthenticateCertificateAsync). A refusal there is a CONNACK reason code the client can read,
            // where a failed handshake would tell it nothing.
            ClientCertificateValidation = static (_, _, _) => true,
            CheckCertificateRevocation = false,
            // No ALPN: Kestrel would otherwise offer h2 and http/1.1, which this listener does not speak.
            OnAuthenticate = static (_, ssl) => ssl.ApplicationProtocols = null,
        });
        return listen.UseNuageMqtt();
    }
}
