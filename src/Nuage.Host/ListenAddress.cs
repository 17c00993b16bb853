using System.Globalization;
using System.Net;

namespace Nuage.Host;

/// <summary>Parses HOST:PORT as given to --listen: an IPv4 address, [IPv6], "localhost" or "*".</summary>
public static class ListenAddress
{
    public static IPEndPoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > IPEndPoint.MaxPort)
        {
            throw new FormatException($"'{text}' is not HOST:PORT (for example 127.0.0.1:9000).");
        }

        var host = text[..colon].Trim('[', ']');
        var address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "0.0.0.0" => IPAddress.Any,
            _ when IPAddress.TryParse(host, out var parsed) => parsed,
            _ => throw new FormatException($"'{host}' is not an IP address, 'localhost' or '*'."),
        };
        return new IPEndPoint(address, port);
    }
}
