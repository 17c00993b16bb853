namespace Nuage.Blobs;

using System.Buffers.Binary;

/// <summary>
/// On-disk layout of a blob file, version 1:
/// a 16-byte header — magic "NUAGBLOB", format version (u16), checksum kind (u16, 1 = XXH3-64 seeded by block
/// index), block size (u32) — then blocks, each framed as [checksum u64 LE][data]. Every block but the last holds
/// exactly BlockSize bytes. A frame is 64 KiB (8 + 65,528), so reads of 4 frames fill a 256 KiB pooled buffer
/// exactly, and a range read starts at the frame holding its first byte.
/// </summary>
internal static class BlobFormat
{
    public const int HeaderSize = 16;
    public const ushort Version = 1;
    public const ushort ChecksumKindXxh3 = 1;
    public const int FrameSize = 64 * 1024;
    public const int ChecksumSize = 8;
    public const int BlockSize = FrameSize - ChecksumSize;
    public const int FramesPerIo = 4;

    private static ReadOnlySpan<byte> Magic => "NUAGBLOB"u8;

    public static void WriteHeader(Span<byte> header)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], ChecksumKindXxh3);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], BlockSize);
    }

    /// <summary>Returns the block size the header declares, or -1 when the header is not one this code reads.</summary>
    public static int ReadHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderSize || !header[..8].SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt16LittleEndian(header[8..]) != Version
            || BinaryPrimitives.ReadUInt16LittleEndian(header[10..]) != ChecksumKindXxh3)
        {
            return -1;
        }

        uint blockSize = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        return blockSize is > 0 and <= 16 * 1024 * 1024 ? (int)blockSize : -1;
    }

    public static long FileLength(long payloadLength, int blockSize)
    {
        long fullBlocks = payloadLength / blockSize;
        long rest = payloadLength % blockSize;
        return HeaderSize + (fullBlocks * (blockSize + ChecksumSize)) + (rest > 0 ? rest + ChecksumSize : 0);
    }
}
