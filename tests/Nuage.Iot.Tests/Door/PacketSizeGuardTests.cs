using System.Buffers;
using System.IO.Pipelines;
using Nuage.Mqtt.Limits;
using static Nuage.Iot.Tests.Door.MqttPacketBytes;

namespace Nuage.Iot.Tests.Door;

/// <summary>
/// The packet size guard reads each packet's fixed header as bytes arrive, however they are split, passes packets
/// within the limit on unchanged and in order, and replaces one over the limit with its marker, dropping what follows.
/// </summary>
public sealed class PacketSizeGuardTests
{
    private const int Limit = 100;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    public async Task Packets_within_the_limit_pass_unchanged_however_the_bytes_are_split(int chunk)
    {
        byte[] stream = [.. Packet(0x30, 10), .. Packet(0xC0, 0), .. Packet(0x32, Limit - 2), .. Packet(0x30, 97)];
        Assert.Equal(stream, await ReadThroughGuardAsync(stream, chunk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public async Task A_packet_over_the_limit_becomes_the_marker_after_the_packets_before_it(int chunk)
    {
        // 101 bytes in all (a two-byte header and 99 of body), then a packet that would have been fine.
        byte[] before = [.. Packet(0x30, 10), .. Packet(0xC0, 0)];
        byte[] stream = [.. before, .. Packet(0x30, Limit - 1), .. Packet(0x30, 5)];
        byte[] expected = [.. before, .. PacketSizeGuard.Marker];
        Assert.Equal(expected, await ReadThroughGuardAsync(stream, chunk));
    }

    [Fact]
    public async Task A_header_declaring_200_MB_is_refused_from_its_first_bytes()
    {
        // Only the fixed header and a few bytes of the body: the guard must not wait for the rest.
        byte[] stream = [0x30, 0x80, 0x84, 0xAF, 0x5F, 0x00, 0x01, (byte)'x'];
        Assert.Equal(PacketSizeGuard.Marker, await ReadThroughGuardAsync(stream, chunk: 3));
    }

    /// <summary>
    /// Writes <paramref name="stream"/> in chunks, then closes it, reading through the guard as MQTTnet does: consuming
    /// one whole packet at a time, and nothing of an incomplete one.
    /// </summary>
    private static async Task<byte[]> ReadThroughGuardAsync(byte[] stream, int chunk)
    {
        var pipe = new Pipe();
        var guard = new PacketSizeGuard(pipe.Reader, Limit);
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < stream.Length; i += chunk)
            {
                await pipe.Writer.WriteAsync(stream.AsMemory(i, Math.Min(chunk, stream.Length - i)));
            }

            await pipe.Writer.CompleteAsync();
        });

        var passed = new List<byte>();
        while (true)
        {
            var read = await guard.ReadAsync();
            var buffer = read.Buffer;
            var consumed = buffer.Start;
            while (TryTakePacket(ref buffer, out var packet))
            {
                passed.AddRange(packet.ToArray());
                consumed = buffer.Start;
            }

            guard.AdvanceTo(consumed, read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await writing;
        return [.. passed];
    }

    private static bool TryTakePacket(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> packet)
    {
        var reader = new SequenceReader<byte>(buffer);
        packet = default;
        if (!reader.TryRead(out _))
        {
            return false;
        }

        long length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (!reader.TryRead(out var digit))
            {
                return false;
            }

            length |= (long)(digit & 0x7F) << shift;
            if ((digit & 0x80) == 0)
            {
                break;
            }
        }

        if (reader.Remaining < length)
        {
            return false;
        }

        packet = buffer.Slice(0, reader.Consumed + length);
        buffer = buffer.Slice(packet.End);
        return true;
    }
}
