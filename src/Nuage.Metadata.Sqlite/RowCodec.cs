namespace Nuage.Metadata.Sqlite;

using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Data.Sqlite;

/// <summary>Conversions between rows and column values: timestamps, attributes, manifests.</summary>
internal static class RowCodec
{
    /// <summary>Manifest format version byte, so a later layout (offsets, placement) can coexist.</summary>
    private const byte ManifestVersion = 1;

    /// <summary>
    /// Version 2 is version 1 followed by one raw checksum per segment (a completed upload's part checksums, see
    /// <see cref="BlobManifest.PartChecksums"/>): [2][checksum length L][segments, 24 bytes each][checksums, L bytes
    /// each]. Manifests without part checksums stay version 1, so rows written before it read as they were.
    /// </summary>
    private const byte ManifestWithChecksumsVersion = 2;
    private const int SegmentSize = 24;

    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    public static byte[] EncodeManifest(BlobManifest manifest)
    {
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

    public static BlobManifest DecodeManifest(ReadOnlySpan<byte> bytes)
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

    /// <summary>Binds the seven attribute columns (content_type .. user_metadata) starting at parameter <paramref name="first"/>.</summary>
    public static void BindAttributes(SqliteCommand command, int first, StoredAttributes attributes)
    {
        command.Bind(first, attributes.ContentType);
        command.Bind(first + 1, attributes.ContentEncoding);
        command.Bind(first + 2, attributes.ContentDisposition);
        command.Bind(first + 3, attributes.ContentLanguage);
        command.Bind(first + 4, attributes.CacheControl);
        command.Bind(first + 5, attributes.Expires);
        command.Bind(first + 6, attributes.UserMetadata.Count == 0 ? null : EncodeUserMetadata(attributes.UserMetadata));
    }

    public static StoredAttributes ReadAttributes(SqliteDataReader reader, int first)
    {
        string? contentType = reader.GetNullableString(first);
        string? contentEncoding = reader.GetNullableString(first + 1);
        string? contentDisposition = reader.GetNullableString(first + 2);
        string? contentLanguage = reader.GetNullableString(first + 3);
        string? cacheControl = reader.GetNullableString(first + 4);
        string? expires = reader.GetNullableString(first + 5);
        string? userMetadata = reader.GetNullableString(first + 6);
        if (contentType is null && contentEncoding is null && contentDisposition is null && contentLanguage is null
            && cacheControl is null && expires is null && userMetadata is null)
        {
            return StoredAttributes.Empty;
        }

        return new StoredAttributes(
            contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires,
            userMetadata is null ? StoredAttributes.Empty.UserMetadata : DecodeUserMetadata(userMetadata));
    }

    public static StoredChecksum? ReadChecksum(SqliteDataReader reader, int first)
    {
        if (reader.IsDBNull(first))
        {
            return null;
        }

        return new StoredChecksum(reader.GetString(first), reader.GetString(first + 1), reader.GetInt64(first + 2) != 0);
    }

    private static string EncodeUserMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in metadata)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Dictionary<string, string> DecodeUserMetadata(string json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            result[name] = reader.GetString() ?? string.Empty;
        }

        return result;
    }
}
