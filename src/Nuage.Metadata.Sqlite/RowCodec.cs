namespace Nuage.Metadata.Sqlite;

using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Data.Sqlite;

/// <summary>Conversions between rows and column values: timestamps, attributes, manifests.</summary>
internal static class RowCodec
{
    /// <summary>Manifest format version byte, so a later layout (offsets, placement) can coexist.</summary>
    private const byte ManifestVersion = 1;
    private const int SegmentSize = 24;

    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    public static byte[] EncodeManifest(BlobManifest manifest)
    {
        var segments = manifest.Segments;
        var bytes = new byte[1 + (segments.Count * SegmentSize)];
        bytes[0] = ManifestVersion;
        for (int i = 0; i < segments.Count; i++)
        {
            var slot = bytes.AsSpan(1 + (i * SegmentSize), SegmentSize);
            segments[i].BlobId.TryWriteBytes(slot[..16]);
            BinaryPrimitives.WriteInt64LittleEndian(slot[16..], segments[i].Length);
        }

        return bytes;
    }

    public static BlobManifest DecodeManifest(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 1 || bytes[0] != ManifestVersion || (bytes.Length - 1) % SegmentSize != 0)
        {
            throw new InvalidDataException("Unknown manifest format.");
        }

        int count = (bytes.Length - 1) / SegmentSize;
        var segments = new BlobSegment[count];
        for (int i = 0; i < count; i++)
        {
            var slot = bytes.Slice(1 + (i * SegmentSize), SegmentSize);
            segments[i] = new BlobSegment(new Guid(slot[..16]), BinaryPrimitives.ReadInt64LittleEndian(slot[16..]));
        }

        return new BlobManifest(segments);
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
