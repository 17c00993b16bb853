namespace Nuage.Metadata.Core;

using System.Text;

/// <summary>
/// Byte-order helpers for keys: S3 orders keys by their UTF-8 bytes (ListObjectsV2: "results are always returned in
/// UTF-8 binary order"), and so must every engine's key index (SQLite's BINARY collation, PostgreSQL's "C").
/// </summary>
public static class Utf8Keys
{
    public static byte[] Encode(string value) => Encoding.UTF8.GetBytes(value);

    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    /// <summary>
    /// The smallest byte string greater than every string that starts with <paramref name="prefix"/>: the last
    /// byte that is not 0xFF, incremented, with what follows it dropped. Seeking there skips a whole common prefix
    /// in one index seek. The result may not be valid UTF-8: an engine binds it as bytes compared bytewise (SQLite:
    /// CAST(blob AS TEXT), which it compares without validating), never as text it would have to decode.
    /// </summary>
    public static byte[] Successor(ReadOnlySpan<byte> prefix)
    {
        for (int i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != 0xFF)
            {
                var result = prefix[..(i + 1)].ToArray();
                result[i]++;
                return result;
            }
        }

        // Only 0xFF bytes (never valid UTF-8): nothing bounds the range above.
        return [];
    }
}
