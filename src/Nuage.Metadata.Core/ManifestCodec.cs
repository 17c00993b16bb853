namespace Nuage.Metadata.Core;

using System.Buffers.Binary;

/// <summary>
/// The stored form of a <see cref="BlobManifest"/>: one byte string, the same on every engine (a BLOB in SQLite, a
/// bytea in PostgreSQL), so a region's metadata moves between engines without re-encoding. Format (little endian):
/// <list type="bullet">
/// <item>version 1: [1][segments: blob id (16 bytes, Guid layout) + length (int64), 24 bytes each];</item>
/// <item>version 2, with one raw checksum per segment (a completed upload's part checksums, see
/// <see cref="BlobManifest.PartChecksums"/>): [2][checksum length L][segments][checksums, L bytes each];</item>
/// <item>version 3 (schema 031), when a segment's key derives from another id than its own (an SSE-C replica, see
/// <see cref="BlobSegment.KeyBlobId"/>): [3][checksum length L, 0 for none][segments: blob id + length + key
/// derivation id (16 bytes), 40 bytes each][checksums, L bytes each].</item>
/// </list>
/// Each manifest takes the lowest version that holds it, so rows written before a version read as they were.
/// </summary>
public static class ManifestCodec
{
    private const byte ManifestVersion = 1;
    private const byte ManifestWithChecksumsVersion = 2;
    private const byte ManifestWithKeyIdsVersion = 3;
    private const int SegmentSize = 24;
    private const int SegmentWithKeyIdSize = 40;

    public static byte[] Encode(BlobManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var segments = manifest.Segments;
        var checksums = RawChecksums(manifest);
        int checksumLength = checksums is null ? 0 : checksums[0].Length;
        bool keyIds = segments.Any(s => s.KeyBlobId is { } id && id != s.BlobId);
        byte version = keyIds ? ManifestWithKeyIdsVersion : checksums is null ? ManifestVersion : ManifestWithChecksumsVersion;
        int header = version == ManifestVersion ? 1 : 2;
        int segmentSize = keyIds ? SegmentWithKeyIdSize : SegmentSize;
        var bytes = new byte[header + (segments.Count * (segmentSize + checksumLength))];
        bytes[0] = version;
        for (int i = 0; i < segments.Count; i++)
        {
            var slot = bytes.AsSpan(header + (i * segmentSize), segmentSize);
            segments[i].BlobId.TryWriteBytes(slot[..16]);
            BinaryPrimitives.WriteInt64LittleEndian(slot[16..24], segments[i].Length);
            if (keyIds)
            {
                segments[i].KeyDerivationId.TryWriteBytes(slot[24..]);
            }
        }

        if (checksums is not null)
        {
            bytes[1] = (byte)checksumLength;
            int start = header + (segments.Count * segmentSize);
            for (int i = 0; i < checksums.Length; i++)
            {
                checksums[i].CopyTo(bytes.AsSpan(start + (i * checksumLength), checksumLength));
            }
        }

        return bytes;
    }

    /// <exception cref="InvalidDataException">The bytes are not a manifest of a known version.</exception>
    public static BlobManifest Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && bytes[0] is ManifestWithChecksumsVersion or ManifestWithKeyIdsVersion)
        {
            bool keyIds = bytes[0] == ManifestWithKeyIdsVersion;
            int segmentSize = keyIds ? SegmentWithKeyIdSize : SegmentSize;
            int checksumLength = bytes[1];
            if ((checksumLength == 0 && !keyIds) || (bytes.Length - 2) % (segmentSize + checksumLength) != 0)
            {
                throw new InvalidDataException("Unknown manifest format.");
            }

            int count = (bytes.Length - 2) / (segmentSize + checksumLength);
            var segments = DecodeSegments(bytes[2..(2 + (count * segmentSize))], count, keyIds);
            if (checksumLength == 0)
            {
                return new BlobManifest(segments);
            }

            var checksums = new string[count];
            var area = bytes[(2 + (count * segmentSize))..];
            for (int i = 0; i < count; i++)
            {
                checksums[i] = Convert.ToBase64String(area.Slice(i * checksumLength, checksumLength));
            }

            return new BlobManifest(segments) { PartChecksums = checksums };
        }

        if (bytes.Length < 1 || bytes[0] != ManifestVersion || (bytes.Length - 1) % SegmentSize != 0)
        {
            throw new InvalidDataException("Unknown manifest format.");
        }

        return new BlobManifest(DecodeSegments(bytes[1..], (bytes.Length - 1) / SegmentSize, keyIds: false));
    }

    private static BlobSegment[] DecodeSegments(ReadOnlySpan<byte> area, int count, bool keyIds)
    {
        int segmentSize = keyIds ? SegmentWithKeyIdSize : SegmentSize;
        var segments = new BlobSegment[count];
        for (int i = 0; i < count; i++)
        {
            var slot = area.Slice(i * segmentSize, segmentSize);
            var blobId = new Guid(slot[..16]);
            long length = BinaryPrimitives.ReadInt64LittleEndian(slot[16..24]);
            Guid? keyBlobId = keyIds && new Guid(slot[24..]) is var keyId && keyId != blobId ? keyId : null;
            segments[i] = new BlobSegment(blobId, length, keyBlobId);
        }

        return segments;
    }

    /// <summary>
    /// The part checksums as raw bytes, or null when there are none to keep: absent, not one per segment, not
    /// base64, or not all of one length (one algorithm). The manifest then records segments only, as before.
    /// </summary>
    private static byte[][]? RawChecksums(BlobManifest manifest)
    {
        if (manifest.PartChecksums is not { Count: > 0 } values || values.Count != manifest.Segments.Count)
        {
            return null;
        }

        var raw = new byte[values.Count][];
        for (int i = 0; i < values.Count; i++)
        {
            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64String(values[i]);
            }
            catch (FormatException)
            {
                return null;
            }

            if (decoded.Length is 0 or > byte.MaxValue || (i > 0 && decoded.Length != raw[0].Length))
            {
                return null;
            }

            raw[i] = decoded;
        }

        return raw;
    }
}
