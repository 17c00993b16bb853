using System.Security.Cryptography.X509Certificates;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// A server with its MQTT over TLS listener on a free port (--mqtt-tls-listen 127.0.0.1:0) and a self-signed server
/// certificate made for it; the plain TCP listener runs beside it as always.
/// </summary>
public sealed class MqttTlsFixture : NuageServerFixture, Xunit.IAsyncLifetime
{
    public MqttTlsFixture()
        : this(new TempDirectory("nuage-test-tls-files-"), TestCertificates.Server())
    {
    }

    private MqttTlsFixture(TempDirectory files, X509Certificate2 serverCertificate)
        : base("nuage-test-tls-", Arguments(files, serverCertificate))
    {
        Files = files;
        ServerCertificate = serverCertificate;
        ServerCertificatePath = Path.Combine(files.Path, "server.pem");
    }

    /// <summary>A directory for the PEM files of this fixture and its tests.</summary>
    public TempDirectory Files { get; }

    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The server certificate alone (no key): mosquitto's --cafile, since it is its own issuer.</summary>
    public string ServerCertificatePath { get; }

    /// <summary>mqtts://HOST:PORT of the TLS listener.</summary>
    public Uri MqttTlsEndpoint => Server.MqttTlsEndpoint ?? throw new InvalidOperationException("The server printed no MQTT over TLS line.");

    Task Xunit.IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task Xunit.IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Files.Dispose();
        ServerCertificate.Dispose();
    }

    /// <summary>
    /// MQTTnet's client over TLS: the server is trusted by its exact certificate (pinned, as mosquitto's --cafile
    /// does), and <paramref name="clientCertificate"/>, when given, is sent in the handshake.
    /// </summary>
    public Task<MqttTestClient> ConnectAsync(
        IotKeys? keys, System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate, string clientId,
        MQTTnet.Formatter.MqttProtocolVersion version = MQTTnet.Formatter.MqttProtocolVersion.V500) =>
        MqttTestClient.ConnectAsync(Server, keys, MqttTransport.Tcp, version, clientId, builder => builder
            .WithTcpServer(MqttTlsEndpoint.Host, MqttTlsEndpoint.Port)
            .WithTlsOptions(tls =>
            {
                tls.UseTls()
                    .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                    .WithCertificateValidationHandler(e => e.Certificate is not null && e.Certificate.GetRawCertData().AsSpan().SequenceEqual(ServerCertificate.RawData));
                if (clientCertificate is not null)
                {
                    tls.WithClientCertificates([clientCertificate]);
                }
            }));

    private static string[] Arguments(TempDirectory files, X509Certificate2 serverCertificate)
    {
        var (certificate, key) = TestCertificates.WritePem(serverCertificate, files.Path, "server");
        return ["--mqtt-tls-listen", "127.0.0.1:0", "--mqtt-tls-certificate", certificate, "--mqtt-tls-key", key];
    }
}
