using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// HTTP clients for the SDK that connect every host name to 127.0.0.1:<c>port</c>. Virtual-host style puts the
/// bucket in the host ("bucket.nuage.test"), which no resolver on a test machine knows; the request, its Host
/// header and its signature stay exactly what the SDK made.
/// </summary>
internal sealed class LoopbackHttpClientFactory(int port) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(CreateHandler(port))
    {
        Timeout = TimeSpan.FromSeconds(120),
    };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public static SocketsHttpHandler CreateHandler(int port) => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
