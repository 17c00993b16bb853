namespace Nuage.Storage.Multipart;

using System.Buffers.Binary;
using Nuage.Metadata;
using Nuage.Storage.Internal;
using Nuage.Storage.Objects;

/// <summary>
/// The FULL_OBJECT checksum of a multipart object (AWS "Checking object integrity in Amazon S3", full object
/// checksums): the CRC of the whole object, obtained by combining the chosen parts' CRCs in order with their sizes,
/// so completion reads no part data again however large the object.
/// </summary>
internal static class FullObjectChecksum
{
    /// <summary>The combined checksum, or null when a part has no checksum of the algorithm to combine.</summary>
    public static StoredChecksum? Combine(ChecksumAlgorithm algorithm, IReadOnlyList<PartRow> parts)
    {
        var (crc, width) = algorithm switch
        {
            ChecksumAlgorithm.Crc32 => (CrcCombine.Crc32, 4),
            ChecksumAlgorithm.Crc32C => (CrcCombine.Crc32C, 4),
            ChecksumAlgorithm.Crc64Nvme => (CrcCombine.Crc64Nvme, 8),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), "Only the CRCs have a full-object multipart checksum."),
        };
        string name = ChecksumAlgorithmNames.Name(algorithm);
        Span<byte> digest = stackalloc byte[8];
        ulong combined = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            var checksum = parts[i].Checksum;
            if (checksum is null || checksum.Algorithm != name
                || !Convert.TryFromBase64String(checksum.Value, digest, out int written) || written != width)
            {
                return null;
            }

            // Part checksums are kept as S3 shows them: the CRC's big-endian bytes.
            ulong part = width == 4 ? BinaryPrimitives.ReadUInt32BigEndian(digest) : BinaryPrimitives.ReadUInt64BigEndian(digest);
            combined = i == 0 ? part : crc.Combine(combined, part, parts[i].Size);
        }

        if (width == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest, (uint)combined);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(digest, combined);
        }

        return new StoredChecksum(name, Convert.ToBase64String(digest[..width]), false);
    }
}
