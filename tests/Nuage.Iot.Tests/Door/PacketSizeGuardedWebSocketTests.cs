using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Nuage.Mqtt.Limits;
using static Nuage.Iot.Tests.Door.MqttPacketBytes;

namespace Nuage.Iot.Tests.Door;

/// <summary>
/// The WebSocket packet size guard, between two real WebSockets over a loopback TCP connection: packets within the limit
/// pass unchanged however they are split across frames and however little the reader asks for; a packet over the
/// limit is replaced by the marker from its header alone, and what follows is dropped until the client closes.
/// </summary>
public sealed class PacketSizeGuardedWebSocketTests
{
    private const int Limit = 100;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4096)]
    [InlineData(3, 2)]
    [InlineData(1000, 4096)]
    [InlineData(1000, 1)]
    public async Task Packets_within_the_limit_pass_unchanged_however_they_are_framed_and_read(int frame, int readSize)
    {
        byte[] stream = [.. Packet(0x30, 10), .. Packet(0xC0, 0), .. Packet(0x32, Limit - 2), .. Packet(0x30, 97), .. Packet(0x82, 40)];
        Assert.Equal(stream, await ReadThroughGuardAsync(stream, frame, readSize, close: true));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4096)]
    [InlineData(7, 3)]
    [InlineData(1000, 4096)]
    public async Task A_packet_over_the_limit_becomes_the_marker_after_the_packets_before_it(int frame, int readSize)
    {
        // 101 bytes in all (a two-byte header and 99 of body), then a packet that would have been fine.
        byte[] before = [.. Packet(0x30, 10), .. Packet(0xC0, 0)];
        byte[] stream = [.. before, .. Packet(0x82, Limit - 1), .. Packet(0x30, 5)];
        byte[] expected = [.. before, .. PacketSizeGuard.Marker];
        Assert.Equal(expected, await ReadThroughGuardAsync(stream, frame, readSize, close: true));
    }

    [Fact]
    public async Task A_header_declaring_200_MB_is_refused_from_its_first_bytes()
    {
        // Only the fixed header and a few bytes of the body, and the socket stays open: no waiting for the rest.
        byte[] stream = [0x30, 0x80, 0x84, 0xAF, 0x5F, 0x00, 0x01, (byte)'x'];
        Assert.Equal(PacketSizeGuard.Marker, await ReadThroughGuardAsync(stream, frame: 3, readSize: 4096, close: false, expected: PacketSizeGuard.Marker.Length));
    }

    /// <summary>
    /// Sends <paramref name="stream"/> from a client WebSocket in binary frames of <paramref name="frame"/> bytes (then
    /// closes, when asked), and reads it on the server's side through the guard, <paramref name="readSize"/> bytes at a
    /// time at most, until the close or until <paramref name="expected"/> bytes arrived.
    /// </summary>
    private static async Task<byte[]> ReadThroughGuardAsync(byte[] stream, int frame, int readSize, bool close, int expected = int.MaxValue)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var clientTcp = new TcpClient();
        await clientTcp.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var serverTcp = await listener.AcceptTcpClientAsync();
        using var client = WebSocket.CreateFromStream(clientTcp.GetStream(), isServer: false, subProtocol: "mqtt", keepAliveInterval: Timeout.InfiniteTimeSpan);
        using var server = WebSocket.CreateFromStream(serverTcp.GetStream(), isServer: true, subProtocol: "mqtt", keepAliveInterval: Timeout.InfiniteTimeSpan);
        using var guard = new PacketSizeGuardedWebSocket(server, Limit);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < stream.Length; i += frame)
            {
                await client.SendAsync(stream.AsMemory(i, Math.Min(frame, stream.Length - i)), WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);
            }

            if (close)
            {
                await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        });

        var passed = new List<byte>();
        var buffer = new byte[readSize];
        while (passed.Count < expected)
        {
            var read = await guard.ReceiveAsync(new ArraySegment<byte>(buffer), timeout.Token);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            passed.AddRange(buffer.AsSpan(0, read.Count).ToArray());
        }

        await sending;
        return [.. passed];
    }
}
