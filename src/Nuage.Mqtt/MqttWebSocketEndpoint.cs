using Microsoft.AspNetCore.Http;
using MQTTnet.AspNetCore;
using MQTTnet.Exceptions;

namespace Nuage.Mqtt;

/// <summary>
/// MQTT over WebSocket at /mqtt on the console port (DESIGN.md "Services and front doors"; MQTT 5 §6: binary
/// frames, subprotocol "mqtt"). The upgraded socket goes to MQTTnet's WebSocket transport, so it meets the same
/// broker and handlers as a TCP connection, behind the same packet size limit (<see cref="Limits.PacketSizeGuardedWebSocket"/>).
/// </summary>
public sealed class MqttWebSocketEndpoint(MqttWebSocketServerAdapter adapter, Limits.MqttLimits limits)
{
    public const string Path = "/mqtt";

    public static bool Serves(HttpContext http) => http.Request.Path.Equals(Path, StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("MQTT over WebSocket: open a WebSocket with subprotocol \"mqtt\" here.\n").ConfigureAwait(false);
            return;
        }

        var subProtocol = MqttSubProtocolSelector.SelectSubProtocol(http.Request);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(subProtocol).ConfigureAwait(false);
        try
        {
            await adapter.RunWebSocketConnectionAsync(new Limits.PacketSizeGuardedWebSocket(socket, limits.MaxPacketSize), http).ConfigureAwait(false);
        }
        catch (MqttCommunicationException)
        {
            // The client dropped the socket without the WebSocket close handshake (RFC 6455 §7.1.1); MQTTnet reports
            // it while closing its side. Nothing is left to do for a connection that is gone, and it is no server error.
        }
    }
}
