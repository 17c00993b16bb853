namespace Nuage.Metadata.Core;

using System.Buffers.Binary;

/// <summary>
/// The stored form of a <see cref="BlobManifest"/>: one byte string, the same on every engine (a BLOB in SQLite, a
/// bytea in PostgreSQL), so a region's metadata moves between engines without re-encoding. Format (little endian):
/// version 1 is [1][segments: blob id (16 bytes, Guid layout) + length (int64), 24 bytes each]. Version 2 is version 1
/// followed by one raw checksum per segment (a completed upload's part checksums, see
/// <see cref="BlobManifest.PartChecksums"/>): [2][checksum length L][segments][checksums, L bytes each]. Manifests
/// without part checksums stay version 1, so rows written before version 2 read as they were.
/// </summary>
public static class ManifestCodec
{
    private const byte ManifestVersion = 1;
    private const byte ManifestWithChecksumsVersion = 2;
    private const int SegmentSize = 24;

    public static byte[] Encode(BlobManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var segments = manifest.Segments;
        var checksums = RawChecksums(manifest);
        int checksumLength = checksums is null ? 0 : checksums[0].Length;
        int header = checksums is null ? 1 : 2;
        var bytes = new byte[header + (segments.Count * (SegmentSize + checksumLength))];
        bytes[0] = checksums is null ? ManifestVersion : ManifestWithChecksumsVersion;
        for (int i = 0; i < segments.Count; i++)
        {
            var slot = bytes.AsSpan(header + (i * SegmentSize), SegmentSize);
            segments[i].BlobId.TryWriteBytes(slot[..16]);
            BinaryPrimitives.WriteInt64LittleEndian(slot[16..], segments[i].Length);
        }

        if (checksums is not null)
        {
            bytes[1] = (byte)checksumLength;
            int start = header + (segments.Count * SegmentSize);
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
        if (bytes.Length >= 2 && bytes[0] == ManifestWithChecksumsVersion)
        {
            int checksumLength = bytes[1];
            if (checksumLength == 0 || (bytes.Length - 2) % (SegmentSize + checksumLength) != 0)
            {
                throw new InvalidDataException("Unknown manifest format.");
            }

            int count = (bytes.Length - 2) / (SegmentSize + checksumLength);
            var checksums = new string[count];
            var area = bytes[(2 + (count * SegmentSize))..];
            for (int i = 0; i < count; i++)
            {
                checksums[i] = Convert.ToBase64String(area.Slice(i * checksumLength, checksumLength));
            }

            return new BlobManifest(DecodeSegments(bytes[2..(2 + (count * SegmentSize))], count)) { PartChecksums = checksums };
        }

        if (bytes.Length < 1 || bytes[0] != ManifestVersion || (bytes.Length - 1) % SegmentSize != 0)
        {
            throw new InvalidDataException("Unknown manifest format.");
        }

        return new BlobManifest(DecodeSegments(bytes[1..], (bytes.Length - 1) / SegmentSize));
    }

    private static BlobSegment[] DecodeSegments(ReadOnlySpan<byte> area, int count)
    {
        var segments = new BlobSegment[count];
        for (int i = 0; i < count; i++)
        {
            var slot = area.Slice(i * SegmentSize, SegmentSize);
            segments[i] = new BlobSegment(new Guid(slot[..16]), BinaryPrimitives.ReadInt64LittleEndian(slot[16..]));
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
