using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Nuage.Mqtt;

/// <summary>
/// Turns Nagle's algorithm back on (TCP_NODELAY off) for MQTT connections, which Kestrel's socket transport turns off
/// for every connection (<c>SocketTransportOptions.NoDelay</c>, right for HTTP). Measured (docs/performance.md, "TCP
/// coalescing"): with TCP_NODELAY, a QoS 0 stream to a subscriber whose receive buffer is small (MQTTnet's client
/// asks for 8 KiB) stalled in the kernel: megabytes queued in the broker's send buffer left at tens of kilobytes a
/// second, so delivery fell to a few thousand messages a second with seconds of latency; with Nagle on, the same run
/// delivers what Mosquitto does. Mosquitto also leaves Nagle on by default (mosquitto.conf <c>set_tcp_nodelay</c>,
/// false). Nagle only holds a small write while earlier data is unacknowledged, so a lone acknowledgement or PUBLISH
/// still leaves at once. Per connection, from the socket Kestrel exposes, so the S3 and console ports keep
/// TCP_NODELAY.
/// </summary>
public static class MqttTcpCoalescing
{
    public static ListenOptions UseNagle(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => connection =>
        {
            if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
            {
                socket.NoDelay = false;
            }

            return next(connection);
        });
        return listen;
    }
}
