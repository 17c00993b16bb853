using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// A TCP connection to the MQTT port (or a WebSocket to /mqtt on the console port) that writes packets byte by byte,
/// for what no client library sends: invalid UTF-8, broken lengths, garbage. Encodes only what the bad-input tests need
/// (MQTT 5 §2 and 3.1.1 §2).
/// </summary>
public sealed class RawMqttConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private ClientWebSocket? _webSocket;
    private Stream _stream = null!;

    /// <param name="receiveBufferBytes">
    /// Above 0: the socket's receive buffer (SO_RCVBUF, set before connecting so the kernel does not grow it), for a
    /// subscriber whose slow reading must reach the broker instead of piling up in this machine's buffers.
    /// </param>
    public static Task<RawMqttConnection> OpenAsync(NuageServerFixture fixture, int receiveBufferBytes = 0) => OpenAsync(fixture.Server, receiveBufferBytes);

    /// <summary>The same, to a server a test started itself.</summary>
    public static async Task<RawMqttConnection> OpenAsync(NuageProcess server, int receiveBufferBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(server);
        var connection = new RawMqttConnection();
        if (receiveBufferBytes > 0)
        {
            connection._tcp.ReceiveBufferSize = receiveBufferBytes;
        }

        await connection._tcp.ConnectAsync(server.MqttEndpoint.Host, server.MqttEndpoint.Port).WaitAsync(MqttTestClient.Timeout);
        connection._stream = connection._tcp.GetStream();
        return connection;
    }

    /// <summary>A connection over the transport given: TCP to the MQTT port, or WebSocket (<see cref="OpenWebSocketAsync"/>).</summary>
    public static Task<RawMqttConnection> OpenAsync(NuageServerFixture fixture, MqttTransport transport) =>
        transport == MqttTransport.WebSocket ? OpenWebSocketAsync(fixture) : OpenAsync(fixture);

    /// <summary>
    /// MQTT over WebSocket (MQTT 5 §6: subprotocol "mqtt", binary frames): each packet written goes as one binary
    /// message, and the messages read are one stream of bytes, as packets may span frames.
    /// </summary>
    public static async Task<RawMqttConnection> OpenWebSocketAsync(NuageServerFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var connection = new RawMqttConnection { _webSocket = new ClientWebSocket() };
        connection._webSocket.Options.AddSubProtocol("mqtt");
        await connection._webSocket.ConnectAsync(fixture.MqttWebSocketUri, CancellationToken.None).WaitAsync(MqttTestClient.Timeout);
        connection._stream = WebSocketStream.Create(connection._webSocket, WebSocketMessageType.Binary);
        return connection;
    }

    /// <summary>
    /// CONNECT that resumes or creates a persistent session: clean start 0 and, under MQTT 5 (<paramref name="level"/>
    /// 5), a Session Expiry Interval of <paramref name="sessionExpiry"/> seconds, one hour unless given (§3.1.2.11.2);
    /// under 3.1.1 (level 4), clean session 0.
    /// </summary>
    public Task SendPersistentConnectAsync(IotKeys keys, string clientId, byte level = 5, uint sessionExpiry = 3600)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var body = new List<byte>();
        body.AddRange(Text("MQTT"));
        body.Add(level);
        body.Add(0xC0); // user name, password, clean start 0
        body.AddRange([0x00, 0x3C]); // keep alive 60 s
        if (level == 5)
        {
            body.AddRange([0x05, 0x11, .. FourBytes(sessionExpiry)]); // properties: Session Expiry Interval
        }

        body.AddRange(Text(clientId));
        body.AddRange(Text(keys.AccessKeyId));
        body.AddRange(Text(keys.Secret));
        return SendAsync(0x10, body);
    }

    /// <summary>QoS 2 PUBLISH with the packet identifier and DUP flag given (MQTT 5: no properties; 3.1.1 when <paramref name="level"/> is 4).</summary>
    public Task SendQos2PublishAsync(string topic, string payload, ushort packetId, bool dup, byte level = 5)
    {
        var body = new List<byte>();
        body.AddRange(Text(topic));
        body.AddRange([(byte)(packetId >> 8), (byte)packetId]);
        if (level == 5)
        {
            body.Add(0x00);
        }

        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return SendAsync((byte)(0x34 | (dup ? 0x08 : 0x00)), body);
    }

    /// <summary>CONNECT with clean start, user name and password; <paramref name="level"/> 5 (MQTT 5) or 4 (3.1.1).</summary>
    public Task SendConnectAsync(IotKeys keys, byte level = 5, string clientId = "raw")
    {
        var body = new List<byte>();
        body.AddRange(Text("MQTT"));
        body.Add(level);
        body.Add(0xC2); // user name, password, clean start
        body.AddRange([0x00, 0x3C]); // keep alive 60 s
        if (level == 5)
        {
            body.Add(0x00); // no properties
        }

        body.AddRange(Text(clientId));
        body.AddRange(Text(keys.AccessKeyId));
        body.AddRange(Text(keys.Secret));
        return SendAsync(0x10, body);
    }

    /// <summary>MQTT 5 CONNECT with clean start, user name and password and the property list given as it is (§3.1.2.11).</summary>
    public Task SendConnectV5WithPropertiesAsync(IotKeys keys, string clientId, byte[] properties)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var body = new List<byte>();
        body.AddRange(Text("MQTT"));
        body.Add(5);
        body.Add(0xC2); // user name, password, clean start
        body.AddRange([0x00, 0x3C]); // keep alive 60 s
        body.Add((byte)properties.Length);
        body.AddRange(properties);
        body.AddRange(Text(clientId));
        body.AddRange(Text(keys.AccessKeyId));
        body.AddRange(Text(keys.Secret));
        return SendAsync(0x10, body);
    }

    /// <summary>PUBLISH QoS 0 whose topic is the raw bytes given (MQTT 5 when <paramref name="level"/> is 5: one empty property length).</summary>
    public Task SendPublishAsync(byte[] topic, string payload, byte level = 5)
    {
        var body = new List<byte> { (byte)(topic.Length >> 8), (byte)topic.Length };
        body.AddRange(topic);
        if (level == 5)
        {
            body.Add(0x00);
        }

        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return SendAsync(0x30, body);
    }

    public async Task SendBytesAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>The next packet's first byte and its body; null when the server closed the connection.</summary>
    public async Task<(byte Header, byte[] Body)?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(MqttTestClient.Timeout);
        var header = new byte[1];
        if (await ReadAsync(header, timeout.Token) == 0)
        {
            return null;
        }

        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var digit = new byte[1];
            if (await ReadAsync(digit, timeout.Token) == 0)
            {
                return null;
            }

            length |= (digit[0] & 0x7F) << shift;
            if ((digit[0] & 0x80) == 0)
            {
                break;
            }
        }

        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await _stream.ReadAsync(body.AsMemory(read), timeout.Token);
            if (n == 0)
            {
                return null;
            }

            read += n;
        }

        return (header[0], body);
    }

    public ValueTask DisposeAsync()
    {
        _webSocket?.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int> ReadAsync(byte[] one, CancellationToken cancellationToken)
    {
        try
        {
            return await _stream.ReadAsync(one, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or WebSocketException)
        {
            // A reset from the server is a close as well (over WebSocket: the socket ended without a close frame).
            return 0;
        }
    }

    private async Task SendAsync(byte type, List<byte> body)
    {
        var packet = new List<byte> { type };
        var length = body.Count;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        packet.AddRange(body);
        await SendBytesAsync([.. packet]);
    }

    private static byte[] Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    /// <summary>
    /// MQTT 5 PUBLISH with the QoS, packet identifier (QoS 1 and 2) and Topic Alias given (§3.3.2; alias 0: none);
    /// an empty <paramref name="topic"/> is sent as a zero-length topic name, as an aliased PUBLISH may be.
    /// </summary>
    public Task SendPublishV5Async(string topic, string payload, int qos, ushort packetId = 0, ushort topicAlias = 0)
    {
        var body = new List<byte>();
        body.AddRange(Text(topic));
        if (qos > 0)
        {
            body.AddRange([(byte)(packetId >> 8), (byte)packetId]);
        }

        if (topicAlias > 0)
        {
            body.AddRange([0x03, 0x23, (byte)(topicAlias >> 8), (byte)topicAlias]); // property length 3: Topic Alias (0x23)
        }
        else
        {
            body.Add(0x00);
        }

        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return SendAsync((byte)(0x30 | (qos << 1)), body);
    }

    /// <summary>
    /// MQTT 5 PUBLISH whose property list is the bytes given as they are (§3.3.2.3), so a property can be sent with a
    /// value a client library would leave out (a Topic Alias of 0, say).
    /// </summary>
    public Task SendPublishV5WithPropertiesAsync(string topic, string payload, int qos, ushort packetId, byte[] properties)
    {
        var body = new List<byte>();
        body.AddRange(Text(topic));
        if (qos > 0)
        {
            body.AddRange([(byte)(packetId >> 8), (byte)packetId]);
        }

        body.Add((byte)properties.Length);
        body.AddRange(properties);
        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return SendAsync((byte)(0x30 | (qos << 1)), body);
    }

    /// <summary>MQTT 5 DISCONNECT, reason 0x00, with a Session Expiry Interval property of the value given, or none (§3.14.2).</summary>
    public Task SendDisconnectV5Async(uint? sessionExpiry) =>
        sessionExpiry is { } interval
            ? SendAsync(0xE0, [0x00, 0x05, 0x11, .. FourBytes(interval)])
            : SendAsync(0xE0, []);

    private static byte[] FourBytes(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>MQTT 5 SUBSCRIBE of one filter at <paramref name="qos"/> (§3.8; no properties, other options 0).</summary>
    public Task SendSubscribeV5Async(ushort packetId, string filter, int qos)
    {
        var body = new List<byte> { (byte)(packetId >> 8), (byte)packetId, 0x00 };
        body.AddRange(Text(filter));
        body.Add((byte)qos);
        return SendAsync(0x82, body);
    }

    /// <summary>The payload of an MQTT 5 PUBLISH body as <see cref="ReceiveAsync"/> returns it (§3.3.2: topic, packet id from QoS 1, properties).</summary>
    public static ReadOnlySpan<byte> PayloadOfV5Publish(byte header, byte[] body)
    {
        var at = 2 + ((body[0] << 8) | body[1]);
        if (((header >> 1) & 3) > 0)
        {
            at += 2;
        }

        var propertiesLength = 0;
        for (var shift = 0; ; shift += 7)
        {
            var digit = body[at++];
            propertiesLength |= (digit & 0x7F) << shift;
            if ((digit & 0x80) == 0)
            {
                break;
            }
        }

        return body.AsSpan(at + propertiesLength);
    }

    /// <summary>PUBREL for a QoS 2 PUBLISH the server answered with PUBREC (§3.6; no reason code: Success).</summary>
    public Task SendPubRelAsync(ushort packetId) => SendAsync(0x62, [(byte)(packetId >> 8), (byte)packetId]);

    /// <summary>PUBACK (0x40), PUBREC (0x50) or PUBCOMP (0x70) for a PUBLISH the server sent (§3.4, §3.5, §3.7; no reason code: Success).</summary>
    public Task SendAcknowledgementAsync(byte header, ushort packetId) => SendAsync(header, [(byte)(packetId >> 8), (byte)packetId]);
}
