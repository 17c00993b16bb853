namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;

/// <summary>
/// The listing walk shared by objects and uploads (DESIGN.md "Listing ... is an index seek, not a scan").
/// Rows are read in key order from a seek; when a key rolls up into a common prefix, the walk emits the prefix and
/// seeks again at the prefix's byte successor, so the keys under it are never read. SQLite steps lazily, so a seek
/// abandoned after one row costs one row.
/// </summary>
internal static class PrefixWalker
{
    /// <summary>Opens a reader whose column 0 is the key: keys >= from (or > from when exclusive), below upper if set.</summary>
    public delegate SqliteDataReader Seek(byte[] from, bool exclusive, byte[]? upper, int limit);

    public readonly record struct Result(bool IsTruncated, string? LastEntry, bool LastIsPrefix);

    /// <param name="after">Exclusive start; a common prefix sorting at or before it is skipped (ListObjectsRequest).</param>
    /// <param name="budget">How many entries (rows plus prefixes) may be emitted.</param>
    public static Result Walk(
        string prefix, string? delimiter, string? after, int budget, Seek seek,
        Action<SqliteDataReader, string> take, List<string> commonPrefixes)
    {
        byte[] prefixUtf8 = Utf8Keys.Encode(prefix);
        byte[]? upper = prefixUtf8.Length == 0 ? null : Utf8Keys.Successor(prefixUtf8);
        if (upper is { Length: 0 })
        {
            upper = null;
        }

        byte[]? afterUtf8 = after is null ? null : Utf8Keys.Encode(after);
        byte[] from = prefixUtf8;
        bool exclusive = false;
        if (afterUtf8 is not null && Utf8Keys.Compare(afterUtf8, prefixUtf8) >= 0)
        {
            from = afterUtf8;
            exclusive = true;
        }

        bool rollUp = !string.IsNullOrEmpty(delimiter);
        string? last = null;
        bool lastIsPrefix = false;
        while (upper is null || Utf8Keys.Compare(from, upper) < 0)
        {
            bool reseek = false;
            using (var reader = seek(from, exclusive, upper, budget + 1))
            {
                while (reader.Read())
                {
                    string key = reader.GetString(0);
                    if (budget == 0)
                    {
                        return new Result(true, last, lastIsPrefix);
                    }

                    int at = rollUp ? key.IndexOf(delimiter!, prefix.Length, StringComparison.Ordinal) : -1;
                    if (at >= 0)
                    {
                        string common = key[..(at + delimiter!.Length)];
                        byte[] commonUtf8 = Utf8Keys.Encode(common);
                        if (afterUtf8 is null || Utf8Keys.Compare(commonUtf8, afterUtf8) > 0)
                        {
                            commonPrefixes.Add(common);
                            last = common;
                            lastIsPrefix = true;
                            budget--;
                        }

                        from = Utf8Keys.Successor(commonUtf8);
                        exclusive = false;
                        reseek = true;
                        break;
                    }

                    take(reader, key);
                    last = key;
                    lastIsPrefix = false;
                    budget--;
                }
            }

            if (!reseek)
            {
                break;
            }
        }

        return new Result(false, last, lastIsPrefix);
    }
}
