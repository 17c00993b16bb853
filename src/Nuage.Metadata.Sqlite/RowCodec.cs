namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;
using Nuage.Metadata.Core;

/// <summary>
/// Binds and reads the column groups that several SQLite statements share. The encodings themselves are
/// engine-neutral (<see cref="AttributesCodec"/>); this only maps them onto SQLite parameters and reader ordinals.
/// </summary>
internal static class RowCodec
{
    /// <summary>Binds the seven attribute columns (content_type .. user_metadata) starting at parameter <paramref name="first"/>.</summary>
    public static void BindAttributes(SqliteCommand command, int first, StoredAttributes attributes)
    {
        command.Bind(first, attributes.ContentType);
        command.Bind(first + 1, attributes.ContentEncoding);
        command.Bind(first + 2, attributes.ContentDisposition);
        command.Bind(first + 3, attributes.ContentLanguage);
        command.Bind(first + 4, attributes.CacheControl);
        command.Bind(first + 5, attributes.Expires);
        command.Bind(first + 6, AttributesCodec.EncodeUserMetadata(attributes));
    }

    public static StoredAttributes ReadAttributes(SqliteDataReader reader, int first) =>
        AttributesCodec.Decode(
            reader.GetNullableString(first), reader.GetNullableString(first + 1), reader.GetNullableString(first + 2),
            reader.GetNullableString(first + 3), reader.GetNullableString(first + 4), reader.GetNullableString(first + 5),
            reader.GetNullableString(first + 6));

    /// <summary>The (algorithm, value, is_composite) columns; null when the row has no checksum.</summary>
    public static StoredChecksum? ReadChecksum(SqliteDataReader reader, int first)
    {
        if (reader.IsDBNull(first))
        {
            return null;
        }

        return new StoredChecksum(reader.GetString(first), reader.GetString(first + 1), reader.GetInt64(first + 2) != 0);
    }
}
