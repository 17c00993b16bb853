using System.Buffers;
using System.IO.Pipelines;

namespace Nuage.Mqtt.Limits;

/// <summary>
/// The input of one MQTT connection over Kestrel (TCP, TLS), watched for a packet larger than the broker's Maximum
/// Packet Size before its body is read. MQTTnet decodes a packet only once the whole of it is buffered, whatever length
/// its fixed header declares (up to 256 MB, MQTT 5 §1.5.5): the size check after decoding
/// (<see cref="Channels.AccountScopedChannelAdapter"/>) came after the memory was spent, so a few clients declaring
/// large packets could exhaust the server's memory. Here each packet's fixed header (§2.1.1: a type byte and the
/// Remaining Length) is read as the bytes arrive; a packet over the limit is never passed on. MQTTnet is given a
/// PINGRESP in its place (<see cref="Marker"/>), a packet no client may send (§3.13: the server sends it), so that the
/// channel adapter answers it as the packet too large (DISCONNECT 0x95 under MQTT 5, §3.2.2.3.6 and §4.13); everything
/// the client sends after it is read and dropped until the connection closes.
/// </summary>
/// <remarks>
/// Packets before the large one are passed on whole, in order. Hand-written: no library frames MQTT over a PipeReader
/// other than MQTTnet's decoder, which is the part that buffers.
/// </remarks>
public sealed class PacketSizeGuard(PipeReader inner, long maxPacketSize) : PipeReader
{
    /// <summary>What MQTTnet reads in place of the packet too large: PINGRESP, type 13 (§3.13), no body.</summary>
    public static readonly byte[] Marker = [0xD0, 0x00];

    // The inner buffer last handed to MQTTnet (or its part before a packet too large), to which its AdvanceTo refers.
    private ReadOnlySequence<byte> _handed;

    // Where the next packet's fixed header starts, counted from the start of the unconsumed input.
    private long _nextHeader;

    // The last buffer handed is the guard's own (the marker, or the empty end), not the inner reader's.
    private bool _ownHanded;
    private bool _dropping;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_dropping)
        {
            return await DropAsync(cancellationToken).ConfigureAwait(false);
        }

        return Filter(await inner.ReadAsync(cancellationToken).ConfigureAwait(false));
    }

    public override bool TryRead(out ReadResult result)
    {
        if (_dropping || !inner.TryRead(out var read))
        {
            result = default;
            return false;
        }

        result = Filter(read);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_ownHanded)
        {
            // The marker (read as a whole packet) or the empty end: the inner input behind them was dropped already.
            return;
        }

        _nextHeader -= _handed.Slice(_handed.Start, consumed).Length;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    private ReadResult Filter(ReadResult read)
    {
        var buffer = read.Buffer;
        if (FindTooLarge(buffer) is not { } at)
        {
            _handed = buffer;
            return read;
        }

        if (at > 0)
        {
            // The packets before it first; the next read starts at the large one.
            _handed = buffer.Slice(0, at);
            return new ReadResult(_handed, read.IsCanceled, isCompleted: false);
        }

        inner.AdvanceTo(buffer.End);
        _dropping = true;
        _ownHanded = true;
        return new ReadResult(new ReadOnlySequence<byte>(Marker), isCanceled: false, isCompleted: false);
    }

    /// <summary>Reads past each fixed header from <see cref="_nextHeader"/>; the offset of a packet too large, if one starts in <paramref name="buffer"/>.</summary>
    private long? FindTooLarge(ReadOnlySequence<byte> buffer)
    {
        while (_nextHeader < buffer.Length)
        {
            var reader = new SequenceReader<byte>(buffer.Slice(_nextHeader));
            if (!reader.TryRead(out _) || ReadRemainingLength(ref reader) is not { } remaining)
            {
                // The header is not complete yet (or is malformed, which MQTTnet's decoder reports): wait, or let it.
                return null;
            }

            var total = reader.Consumed + remaining;
            if (total > maxPacketSize)
            {
                return _nextHeader;
            }

            _nextHeader += total;
        }

        return null;
    }

    /// <summary>MQTT's Variable Byte Integer (§1.5.5): up to four bytes, seven bits each; null when incomplete or malformed.</summary>
    private static long? ReadRemainingLength(ref SequenceReader<byte> reader)
    {
        long value = 0;
        for (var shift = 0; shift < 28; shift += 7)
        {
            if (!reader.TryRead(out var b))
            {
                return null;
            }

            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>After a packet too large: everything the client still sends is dropped, until it closes.</summary>
    private async ValueTask<ReadResult> DropAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
            inner.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted || read.IsCanceled)
            {
                return new ReadResult(ReadOnlySequence<byte>.Empty, read.IsCanceled, read.IsCompleted);
            }
        }
    }
}
