namespace Nuage.Storage.Replication;

/// <summary>
/// A version's tags as storage keeps them (the S3 door's x-amz-tagging form, "k1=v1&amp;k2=v2", URL-encoded), read
/// for the tag filters of replication rules.
/// </summary>
internal static class TagSet
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? tags)
    {
        if (string.IsNullOrEmpty(tags))
        {
            return [];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in tags.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? part : part[..eq], value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        return pairs;
    }
}
