namespace Nuage.Metadata.Core.Tests;

public sealed class PrefixWalkerTests
{
    private static (List<string> Keys, List<string> Prefixes, PrefixWalker.Result Result) Walk(
        SortedKeySource source, string prefix, string? delimiter, string? after, int budget)
    {
        var keys = new List<string>();
        var prefixes = new List<string>();
        var result = PrefixWalker.Walk(prefix, delimiter, after, budget, source.Seek, (_, key) => keys.Add(key), prefixes);
        return (keys, prefixes, result);
    }

    private static IEnumerable<string> Tree() =>
        from day in Enumerable.Range(1, 5)
        from file in Enumerable.Range(1, 200)
        select $"logs/2026/12/{day:D2}/file-{file:D3}";

    [Fact]
    public void Delimiter_listing_reads_one_row_per_common_prefix()
    {
        var source = new SortedKeySource(Tree().Append("logs/2026/12/readme"));

        var (keys, prefixes, result) = Walk(source, "logs/2026/12/", "/", null, 1000);

        Assert.Equal(["logs/2026/12/01/", "logs/2026/12/02/", "logs/2026/12/03/", "logs/2026/12/04/", "logs/2026/12/05/"], prefixes);
        Assert.Equal(["logs/2026/12/readme"], keys);
        Assert.False(result.IsTruncated);
        // One seek per prefix plus the first: the 1,000 keys under the prefixes are never read.
        Assert.Equal(6, source.Seeks);
        Assert.Equal(6, source.RowsRead);
    }

    [Fact]
    public void Prefix_listing_stops_at_the_budget_and_reports_the_last_key()
    {
        var source = new SortedKeySource(Tree());

        var (keys, prefixes, result) = Walk(source, "logs/2026/12/03/", null, null, 10);

        Assert.Empty(prefixes);
        Assert.Equal(10, keys.Count);
        Assert.Equal("logs/2026/12/03/file-001", keys[0]);
        Assert.True(result.IsTruncated);
        Assert.Equal("logs/2026/12/03/file-010", result.LastEntry);
        Assert.False(result.LastIsPrefix);
        // The walk asks for one row beyond the budget to know whether the page is truncated, never for more.
        Assert.Equal(11, source.RowsRead);
    }

    [Fact]
    public void A_page_resumes_after_a_common_prefix_marker_without_repeating_it()
    {
        var source = new SortedKeySource(Tree());

        var first = Walk(source, "logs/2026/12/", "/", null, 2);
        var second = Walk(source, "logs/2026/12/", "/", first.Result.LastEntry, 2);

        Assert.Equal(["logs/2026/12/01/", "logs/2026/12/02/"], first.Prefixes);
        Assert.True(first.Result.IsTruncated);
        Assert.True(first.Result.LastIsPrefix);
        Assert.Equal(["logs/2026/12/03/", "logs/2026/12/04/"], second.Prefixes);
    }

    [Fact]
    public void A_marker_inside_a_common_prefix_does_not_list_that_prefix_again()
    {
        var source = new SortedKeySource(Tree());

        // ListObjects' marker may be any key; the prefix it lies in sorts before it and is skipped.
        var (keys, prefixes, _) = Walk(source, "logs/2026/12/", "/", "logs/2026/12/02/file-100", 1000);

        Assert.Empty(keys);
        Assert.Equal(["logs/2026/12/03/", "logs/2026/12/04/", "logs/2026/12/05/"], prefixes);
    }

    [Fact]
    public void Keys_are_walked_in_utf8_byte_order_not_utf16_order()
    {
        // U+FF61 is EF BD A1 in UTF-8, U+1F600 is F0 9F 98 80: UTF-8 puts the emoji last, UTF-16 (D83D...) first.
        var source = new SortedKeySource(["k/\U0001F600", "k/\uFF61", "k/a"]);

        var (keys, _, _) = Walk(source, "k/", null, null, 10);

        Assert.Equal(["k/a", "k/\uFF61", "k/\U0001F600"], keys);
    }

    [Fact]
    public void Only_keys_under_the_prefix_are_listed()
    {
        var source = new SortedKeySource(["a", "b/1", "b/2", "b0", "c"]);

        var (keys, _, result) = Walk(source, "b/", null, null, 10);

        Assert.Equal(["b/1", "b/2"], keys);
        Assert.False(result.IsTruncated);
    }

    [Theory]
    [InlineData("photos/", "/", "photos/a.jpg", true)]
    [InlineData("photos/", "/", "photos/2026/a.jpg", false)]
    [InlineData("photos/", null, "photos/2026/a.jpg", true)]
    [InlineData("photos/", "/", "videos/a.mp4", false)]
    public void A_marker_is_a_listed_key_only_under_the_prefix_and_not_rolled_up(string prefix, string? delimiter, string marker, bool listed) =>
        Assert.Equal(listed, PrefixWalker.IsListedKey(prefix, delimiter, marker));
}
