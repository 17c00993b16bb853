using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Nuage.Host;

/// <summary>
/// The console port (DESIGN.md "Services and front doors"): a second Kestrel listener whose connections are marked,
/// so the console door serves them and the S3 door never sees them. Marking connections, not comparing port
/// numbers, keeps working when both listeners ask for port 0 or share an address.
/// </summary>
internal static class ConsolePort
{
    private const string Marker = "nuage.console-port";

    /// <summary>Listens on <paramref name="endpoint"/>; returns the options whose endpoint holds the bound port once started.</summary>
    public static ListenOptions Listen(KestrelServerOptions kestrel, IPEndPoint endpoint)
    {
        ListenOptions? options = null;
        kestrel.Listen(endpoint, listen =>
        {
            options = listen;
            listen.Use(next => connection =>
            {
                connection.Items[Marker] = Marker;
                return next(connection);
            });
        });
        return options!;
    }

    public static bool Serves(HttpContext http) =>
        http.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(Marker) == true;
}
