using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Nuage.Mqtt.Limits;

/// <summary>
/// Puts a <see cref="PacketSizeGuard"/> on the input of every connection of an MQTT listener (plain TCP, and TLS once
/// decrypted), so a packet over the Maximum Packet Size is refused before MQTTnet buffers it.
/// </summary>
public static class PacketSizeLimit
{
    public static ListenOptions UsePacketSizeLimit(this ListenOptions listen, long maxPacketSize)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => connection =>
        {
            var transport = connection.Transport;
            connection.Transport = new GuardedTransport(new PacketSizeGuard(transport.Input, maxPacketSize), transport.Output);
            return next(connection);
        });
        return listen;
    }

    private sealed class GuardedTransport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
