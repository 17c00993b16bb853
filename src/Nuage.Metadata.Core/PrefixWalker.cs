namespace Nuage.Metadata.Core;

/// <summary>
/// The listing walk shared by objects, versions and uploads on every engine (DESIGN.md "Listing ... is an index
/// seek, not a scan"). Rows are read in key order from a seek; when a key rolls up into a common prefix, the walk
/// emits the prefix and seeks again at the prefix's byte successor, so the keys under it are never read. The
/// engine supplies the seek (<see cref="IKeyCursor"/>); the walk decides everything else.
/// </summary>
public static class PrefixWalker
{
    public readonly record struct Result(bool IsTruncated, string? LastEntry, bool LastIsPrefix);

    /// <param name="after">Exclusive start; a common prefix sorting at or before it is skipped (ListObjectsRequest).</param>
    /// <param name="budget">How many entries (rows plus prefixes) may be emitted.</param>
    /// <param name="seek">Opens one seek; the walk disposes the cursor.</param>
    /// <param name="take">Emits the row the cursor is on, whose key is the second argument.</param>
    public static Result Walk<TCursor>(
        string prefix, string? delimiter, string? after, int budget, Func<KeySeek, TCursor> seek,
        Action<TCursor, string> take, List<string> commonPrefixes)
        where TCursor : IKeyCursor
    {
        ArgumentNullException.ThrowIfNull(seek);
        ArgumentNullException.ThrowIfNull(take);
        ArgumentNullException.ThrowIfNull(commonPrefixes);
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
            using (var cursor = seek(new KeySeek(from, exclusive, upper, budget + 1)))
            {
                while (cursor.Read())
                {
                    string key = cursor.Key;
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

                    take(cursor, key);
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

    /// <summary>
    /// True when <paramref name="marker"/> is a key the listing itself would show: under the prefix and not rolled
    /// up into a common prefix. Only then does a version-id or upload-id marker resume inside that key's rows
    /// (AWS ListObjectVersions "version-id-marker", ListMultipartUploads "upload-id-marker"); otherwise the walk
    /// resumes after the whole key.
    /// </summary>
    public static bool IsListedKey(string prefix, string? delimiter, string marker)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(marker);
        return marker.StartsWith(prefix, StringComparison.Ordinal)
            && (string.IsNullOrEmpty(delimiter) || marker.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) < 0);
    }
}
