using System.Net.WebSockets;

namespace Nuage.Mqtt.Limits;

/// <summary>
/// An MQTT over WebSocket connection (MQTT 5 §6) watched for a packet larger than the broker's Maximum Packet Size
/// before its body is read: the WebSocket counterpart of <see cref="PacketSizeGuard"/>. MQTTnet's WebSocket channel
/// allocates a packet's whole body from the Remaining Length its fixed header declares (up to 256 MB, §1.5.5), whatever
/// the packet's type; a check after decoding came after that memory was spent. Here the bytes MQTTnet receives are
/// followed packet by packet: the fixed header of each (§2.1.1: a type byte and the Remaining Length, at most five
/// bytes) is held back until it is complete, then passed on, or, for a packet over the limit, replaced by
/// <see cref="PacketSizeGuard.Marker"/> (PINGRESP, which the channel adapter answers with DISCONNECT 0x95), after which
/// what the client sends is read and dropped until it closes. Packet bodies pass through unchanged. Frames do not
/// matter: MQTT packets may span WebSocket frames or share one [MQTT-6.0.0-2], and MQTTnet reads them as one stream.
/// </summary>
/// <remarks>Hand-written: no library frames MQTT over a WebSocket other than MQTTnet's channel, which is the part that buffers.</remarks>
public sealed class PacketSizeGuardedWebSocket(WebSocket inner, long maxPacketSize) : WebSocket
{
    // The fixed header being read (type byte and Remaining Length so far), held back until it is complete.
    private readonly byte[] _header = new byte[5];
    private int _headerLength;

    // Bytes of the current packet's body still to pass through.
    private long _bodyLeft;

    // Bytes decided but not yet handed over (a completed header, or the marker): _pending[_pendingOffset.._pendingLength].
    private readonly byte[] _pending = new byte[5];
    private int _pendingOffset;
    private int _pendingLength;

    // A malformed Remaining Length: everything passes through from there and MQTTnet's decoder reports it.
    private bool _passThrough;

    // After a packet too large (its marker handed over): the rest is dropped.
    private bool _dropping;

    // The buffer header bytes are read into before they are followed.
    private readonly byte[] _scratch = new byte[2];

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

    public override string? CloseStatusDescription => inner.CloseStatusDescription;

    public override WebSocketState State => inner.State;

    public override string? SubProtocol => inner.SubProtocol;

    public override void Abort() => inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose() => inner.Dispose();

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_pendingOffset < _pendingLength)
            {
                var count = Math.Min(buffer.Count, _pendingLength - _pendingOffset);
                _pending.AsSpan(_pendingOffset, count).CopyTo(buffer.AsSpan());
                _pendingOffset += count;
                return new WebSocketReceiveResult(count, WebSocketMessageType.Binary, endOfMessage: false);
            }

            if (_dropping)
            {
                return await DropAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_passThrough)
            {
                return await inner.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            if (_bodyLeft > 0)
            {
                // Inside a body: read straight into the caller's buffer, no more than the body's end.
                var part = buffer.Count > _bodyLeft ? buffer.Slice(0, (int)_bodyLeft) : buffer;
                var body = await inner.ReceiveAsync(part, cancellationToken).ConfigureAwait(false);
                _bodyLeft -= body.Count;
                return body;
            }

            // Between packets: header bytes are read here and handed over once the header is complete.
            // A fixed header has at least two bytes (a Remaining Length of 0 is one byte), so reading two at its start and
            // one at a time after that never reads past it.
            var wanted = _headerLength == 0 ? 2 : 1;
            var read = await inner.ReceiveAsync(_scratch.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                return Closed(read);
            }

            for (var i = 0; i < read.Count; i++)
            {
                Follow(_scratch[i]);
            }
        }
    }

    /// <summary>One byte of a fixed header; once the header is complete, it is queued to be handed over, or the marker is.</summary>
    private void Follow(byte b)
    {
        _header[_headerLength++] = b;
        if (_headerLength == 1)
        {
            return;
        }

        if ((b & 0x80) != 0)
        {
            if (_headerLength == _header.Length)
            {
                // A fifth length byte: not a Variable Byte Integer (§1.5.5). MQTTnet's decoder refuses it.
                Hand(_header);
                _passThrough = true;
            }

            return;
        }

        long remaining = 0;
        for (var i = _headerLength - 1; i >= 1; i--)
        {
            remaining = (remaining << 7) | (uint)(_header[i] & 0x7F);
        }

        if (_headerLength + remaining > maxPacketSize)
        {
            Hand(PacketSizeGuard.Marker);
            _dropping = true;
        }
        else
        {
            Hand(_header.AsSpan(0, _headerLength));
            _bodyLeft = remaining;
        }
    }

    /// <summary>Queues <paramref name="bytes"/> to be handed over next; the header being read starts again.</summary>
    private void Hand(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_pending);
        _pendingOffset = 0;
        _pendingLength = bytes.Length;
        _headerLength = 0;
    }

    /// <summary>After a packet too large: everything the client still sends is dropped, until it closes.</summary>
    private async Task<WebSocketReceiveResult> DropAsync(CancellationToken cancellationToken)
    {
        var sink = new byte[4096];
        while (true)
        {
            var read = await inner.ReceiveAsync(sink.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                return Closed(read);
            }
        }
    }

    /// <summary>The client's close, as the Task-based receive reports it.</summary>
    private WebSocketReceiveResult Closed(ValueWebSocketReceiveResult read) =>
        new(read.Count, read.MessageType, read.EndOfMessage, inner.CloseStatus, inner.CloseStatusDescription);
}
