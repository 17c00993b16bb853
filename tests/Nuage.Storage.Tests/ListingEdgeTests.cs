namespace Nuage.Storage.Tests;

using System.Text;
using Nuage.Metadata;
using Nuage.Testing;

/// <summary>
/// The listing edges each engine's seek strategy must get right (issue 18 "Listing at scale": the PostgreSQL engine
/// skips common prefixes on the server and reads a page in one query): keys whose common prefixes have byte
/// successors that are not valid UTF-8, delimiters of several bytes and characters, a prefix equal to a key, max-keys
/// 0 and 1, pages resumed across common prefixes, delete markers hiding a whole common prefix. Every listing is
/// compared with a plain model of ListObjectsV2 (AWS: keys in UTF-8 binary order; a key containing the delimiter after
/// the prefix rolls up into the common prefix ending at its first such delimiter; start-after is exclusive and hides
/// common prefixes sorting at or before it; max-keys counts keys and prefixes).
/// </summary>
public abstract class ListingEdgeTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Bucket = "edges";

    // Characters whose UTF-8 forms end in high bytes: U+FFFF (EF BF BF) and U+10FFFF (F4 8F BF BF) have byte
    // successors that are not UTF-8; "é" is two bytes; "--" a delimiter of two characters that overlaps itself.
    private static readonly string[] Parts = ["a", "b", "/", "-", "--", "é", "\uFFFF", "\U0010FFFF", "z", "\U0001F600"];

    private readonly StorageFixture _s = new(engine: engine);
    private readonly SortedSet<string> _live = new(Utf8Order);

    private static Comparer<string> Utf8Order { get; } = Comparer<string>.Create(
        (x, y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));

    protected StorageFixture Fixture => _s;

    public async Task InitializeAsync()
    {
        await _s.CreateBucketAsync(Bucket);
        var random = new Random(18);
        string[] named = ["x", "x/1", "x/2", "x--y", "\uFFFF", "\uFFFF/a", "\uFFFF\uFFFF", "dn/1"];
        var keys = new HashSet<string>(named, StringComparer.Ordinal);
        while (keys.Count < 150)
        {
            var key = new StringBuilder();
            int length = random.Next(1, 6);
            for (int i = 0; i < length; i++)
            {
                key.Append(Parts[random.Next(Parts.Length)]);
            }

            keys.Add(key.ToString());
        }

        // Every seventh random key (and everything under "dm/") ends as a delete marker: not listed, and a common
        // prefix whose keys are all delete markers is not listed either.
        keys.Add("dm/1");
        keys.Add("dm/2");
        var hidden = keys.Where((k, i) => (i % 7 == 3 && !named.Contains(k)) || k.StartsWith("dm/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        await _s.Metadata.WriteAsync(
            tx =>
            {
                foreach (string key in keys)
                {
                    tx.PutObject(Row(key, "v1", deleteMarker: false), versionIdIsNew: true);
                    if (hidden.Contains(key))
                    {
                        tx.PutObject(Row(key, "v2", deleteMarker: true), versionIdIsNew: true);
                    }
                }

                return true;
            },
            CancellationToken.None);
        foreach (string key in keys.Where(k => !hidden.Contains(k)))
        {
            _live.Add(key);
        }
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Theory]
    [InlineData("", "/")]
    [InlineData("", "--")]
    [InlineData("", "\uFFFF")]
    [InlineData("", "\U0010FFFF")]
    [InlineData("", "é")]
    [InlineData("a", "/")]
    [InlineData("x", "/")]
    [InlineData("\uFFFF", "/")]
    [InlineData("\uFFFF", "\uFFFF")]
    [InlineData("a--", "--")]
    [InlineData("d", "/")]
    [InlineData("", "z\U0001F600")]
    [InlineData("", null)]
    [InlineData("\U0010FFFF", null)]
    public async Task Every_page_size_and_resume_point_lists_what_the_model_lists(string prefix, string? delimiter)
    {
        var whole = await ListAsync(prefix, delimiter, null, 1000);
        var expected = Model(prefix, delimiter, null, 1000);
        AssertSame(expected, whole);

        // Pages of 1 and 3 resumed from each page's last entry (a key or a common prefix) give the same entries.
        foreach (int size in new[] { 1, 3 })
        {
            var seen = new List<string>();
            string? marker = null;
            for (int pages = 0; pages < 1000; pages++)
            {
                var page = await ListAsync(prefix, delimiter, marker, size);
                AssertSame(Model(prefix, delimiter, marker, size), page);
                seen.AddRange(Entries(page));
                if (!page.IsTruncated)
                {
                    break;
                }

                marker = page.LastEntry;
            }

            Assert.Equal(Entries(whole), seen);
        }

        // Start-after at every live key, and inside common prefixes (each key with its last character dropped).
        foreach (string after in _live.Concat(_live.Select(k => k[..^1])).Distinct().Where((_, i) => i % 5 == 0))
        {
            AssertSame(Model(prefix, delimiter, after, 5), await ListAsync(prefix, delimiter, after, 5));
        }
    }

    [Fact]
    public async Task Max_keys_zero_returns_nothing_and_says_whether_more_exist()
    {
        var zero = await ListAsync("", "/", null, 0);
        Assert.Empty(zero.Objects);
        Assert.Empty(zero.CommonPrefixes);
        Assert.True(zero.IsTruncated);

        var none = await ListAsync("nothing-here", "/", null, 0);
        Assert.False(none.IsTruncated);
    }

    [Fact]
    public async Task A_prefix_equal_to_a_key_lists_the_key_and_its_common_prefix()
    {
        var page = await ListAsync("x", "/", null, 1000);
        Assert.Equal(["x", "x--y"], page.Objects.Select(o => o.Key));
        Assert.Equal(["x/"], page.CommonPrefixes);

        var one = await ListAsync("x", "/", null, 1);
        Assert.Equal(["x"], one.Objects.Select(o => o.Key));
        Assert.True(one.IsTruncated);
        // "x--y" sorts before "x/" ('-' is 0x2D, '/' 0x2F).
        var next = await ListAsync("x", "/", one.LastEntry, 1);
        Assert.Equal(["x--y"], next.Objects.Select(o => o.Key));
        var last = await ListAsync("x", "/", next.LastEntry, 1);
        Assert.Equal(["x/"], last.CommonPrefixes);
        Assert.False(last.IsTruncated);
    }

    [Fact]
    public async Task A_common_prefix_of_delete_markers_only_is_not_listed()
    {
        var page = await ListAsync("d", "/", null, 1000);
        Assert.DoesNotContain("dm/", page.CommonPrefixes);
        Assert.Contains("dn/", page.CommonPrefixes);
    }

    private static ObjectRow Row(string key, string versionId, bool deleteMarker) =>
        new(Bucket, key, versionId, deleteMarker ? 0 : 1, deleteMarker ? "" : "etag", DateTimeOffset.UnixEpoch, "local", "o",
            StoredAttributes.Empty, null, null,
            deleteMarker ? null : new InlineData([1], Nuage.Blobs.BlockChecksum.Compute([1], 0)))
        { IsDeleteMarker = deleteMarker };

    private static List<string> Entries(ObjectListing page) =>
        page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes).Order(Utf8Order).ToList();

    private static void AssertSame((List<string> Keys, List<string> Prefixes, bool Truncated, string? Last) expected, ObjectListing actual)
    {
        Assert.Equal(expected.Keys, actual.Objects.Select(o => o.Key));
        Assert.Equal(expected.Prefixes, actual.CommonPrefixes);
        Assert.Equal(expected.Truncated, actual.IsTruncated);
        if (expected.Truncated)
        {
            Assert.Equal(expected.Last, actual.LastEntry);
        }
    }

    private Task<ObjectListing> ListAsync(string prefix, string? delimiter, string? startAfter, int maxKeys) =>
        _s.Metadata.ListObjectsAsync(new ObjectListQuery(Bucket, prefix, delimiter, startAfter, maxKeys), CancellationToken.None).AsTask();

    /// <summary>ListObjectsV2 over the live keys by a full scan: the reference the seeks are held to.</summary>
    private (List<string> Keys, List<string> Prefixes, bool Truncated, string? Last) Model(string prefix, string? delimiter, string? after, int maxKeys)
    {
        var keys = new List<string>();
        var prefixes = new List<string>();
        string? last = null;
        foreach (string key in _live)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || (after is not null && Utf8Order.Compare(key, after) <= 0))
            {
                continue;
            }

            int at = string.IsNullOrEmpty(delimiter) ? -1 : key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            string entry = at >= 0 ? key[..(at + delimiter!.Length)] : key;
            if (at >= 0 && ((after is not null && Utf8Order.Compare(entry, after) <= 0) || entry == last))
            {
                continue;
            }

            if (keys.Count + prefixes.Count == maxKeys)
            {
                return (keys, prefixes, true, last);
            }

            (at >= 0 ? prefixes : keys).Add(entry);
            last = entry;
        }

        return (keys, prefixes, false, last);
    }
}

public sealed class ListingEdgeTestsOnSqlite() : ListingEdgeTests(MetadataEngine.Sqlite);

public sealed class ListingEdgeTestsOnPostgres() : ListingEdgeTests(MetadataEngine.Postgres)
{
    // A parallel plan (Gather Merge) made a 1,000-key page of a 10,000-key bucket twice as slow as the same page of a
    // million keys: the engine's connections turn parallel query off, unless the operator's options= says otherwise.
    [Fact]
    public async Task Connections_run_without_parallel_query_unless_the_operator_sets_options()
    {
        string server = Fixture.Engine.ServerOption(Fixture.DataDirectory)!;
        Assert.Equal("0", await ShowAsync(Nuage.Metadata.Postgres.PostgresUrl.Parse(server).ConnectionString));
        var own = Nuage.Metadata.Postgres.PostgresUrl.Parse(server);
        own.Options = "-c max_parallel_workers_per_gather=3";
        Assert.Equal("3", await ShowAsync(Nuage.Metadata.Postgres.PostgresUrl.Parse(own.ConnectionString).ConnectionString));
    }

    private static async Task<string> ShowAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SHOW max_parallel_workers_per_gather", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
