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
/// common prefixes sorting at or before it; max-keys counts keys and prefixes). ListObjectVersions and
/// ListMultipartUploads walk the same way over every version and every upload, and are held to the same model over
/// their rows, with the markers AWS gives them (a key-marker alone resumes after the whole key, or after a common
/// prefix; with a version-id-marker or upload-id-marker, after that row of the key).
/// </summary>
public abstract class ListingEdgeTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Bucket = "edges";

    // Characters whose UTF-8 forms end in high bytes: U+FFFF (EF BF BF) and U+10FFFF (F4 8F BF BF) have byte
    // successors that are not UTF-8; "é" is two bytes; "--" a delimiter of two characters that overlaps itself.
    private static readonly string[] Parts = ["a", "b", "/", "-", "--", "é", "\uFFFF", "\U0010FFFF", "z", "\U0001F600"];

    private readonly StorageFixture _s = new(engine: engine);
    private readonly SortedSet<string> _live = new(Utf8Order);

    // Every version (key order, each key's newest first) and every upload (key order, then upload id), as listed.
    private readonly List<(string Key, string Id)> _versions = [];
    private readonly List<(string Key, string Id)> _uploads = [];

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
        // Every key has an upload; every third a second one, so a page can end between a key's uploads.
        var uploads = keys.Select((k, i) => (Key: k, Ids: i % 3 == 0 ? new[] { $"u{i:D3}a", $"u{i:D3}b" } : [$"u{i:D3}a"])).ToList();
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

                foreach (var (key, ids) in uploads)
                {
                    foreach (string id in ids)
                    {
                        tx.InsertUpload(new UploadRow(id, Bucket, key, tx.Now, "o", StoredAttributes.Empty, null));
                    }
                }

                return true;
            },
            CancellationToken.None);
        foreach (string key in keys.Where(k => !hidden.Contains(k)))
        {
            _live.Add(key);
        }

        foreach (string key in keys.Order(Utf8Order))
        {
            if (hidden.Contains(key))
            {
                _versions.Add((key, "v2"));
            }

            _versions.Add((key, "v1"));
        }

        _uploads.AddRange(uploads.OrderBy(u => u.Key, Utf8Order).SelectMany(u => u.Ids.Select(id => (u.Key, id))));
    }

    public static readonly TheoryData<string, string?> Cases = new()
    {
        { "", "/" },
        { "", "--" },
        { "", "\uFFFF" },
        { "", "\U0010FFFF" },
        { "", "é" },
        { "a", "/" },
        { "x", "/" },
        { "\uFFFF", "/" },
        { "\uFFFF", "\uFFFF" },
        { "a--", "--" },
        { "d", "/" },
        { "", "z\U0001F600" },
        { "", null },
        { "\U0010FFFF", null },
    };

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Theory]
    [MemberData(nameof(Cases))]
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

    /// <summary>
    /// ListObjectVersions and ListMultipartUploads: whole listings, pages of 1 and 3 resumed from each page's next
    /// markers (inside a key's versions or uploads, after a key, after a common prefix), key-markers at keys and inside
    /// common prefixes, and resumes inside a key at every seventh row.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Version_and_upload_pages_list_what_the_model_lists(string prefix, string? delimiter)
    {
        foreach (var (rows, list) in new (List<(string Key, string Id)>, Func<string, string?, string?, string?, int, Task<RowPage>>)[]
                 { (_versions, ListVersionsAsync), (_uploads, ListUploadsAsync) })
        {
            var whole = await list(prefix, delimiter, null, null, 1000);
            AssertSame(RowModel(rows, prefix, delimiter, null, null, 1000), whole);

            foreach (int size in new[] { 1, 3 })
            {
                var seen = new RowPage([], [], false, null, null);
                string? keyMarker = null;
                string? idMarker = null;
                for (int pages = 0; pages < 1000; pages++)
                {
                    var page = await list(prefix, delimiter, keyMarker, idMarker, size);
                    AssertSame(RowModel(rows, prefix, delimiter, keyMarker, idMarker, size), page);
                    seen.Rows.AddRange(page.Rows);
                    seen.Prefixes.AddRange(page.Prefixes);
                    if (!page.IsTruncated)
                    {
                        break;
                    }

                    (keyMarker, idMarker) = (page.NextKeyMarker, page.NextIdMarker);
                }

                Assert.Equal(whole.Rows, seen.Rows);
                Assert.Equal(whole.Prefixes, seen.Prefixes);
            }

            foreach (string after in _live.Concat(_live.Select(k => k[..^1])).Distinct().Where((_, i) => i % 5 == 0))
            {
                AssertSame(RowModel(rows, prefix, delimiter, after, null, 5), await list(prefix, delimiter, after, null, 5));
            }

            foreach (var (key, id) in whole.Rows.Where((_, i) => i % 7 == 0))
            {
                AssertSame(RowModel(rows, prefix, delimiter, key, id, 5), await list(prefix, delimiter, key, id, 5));
            }

            var zero = await list(prefix, delimiter, null, null, 0);
            Assert.Empty(zero.Rows);
            Assert.Empty(zero.Prefixes);
            Assert.Equal(whole.Rows.Count + whole.Prefixes.Count > 0, zero.IsTruncated);
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

    [Fact]
    public async Task Versions_of_a_common_prefix_of_delete_markers_are_listed_under_it()
    {
        // ListObjects hides dm/ (every key's latest version is a delete marker); the version listing shows them.
        var page = await ListVersionsAsync("d", "/", null, null, 1000);
        Assert.Contains("dm/", page.Prefixes);
        var inside = await ListVersionsAsync("dm/", "/", null, null, 1000);
        Assert.Equal([("dm/1", "v2"), ("dm/1", "v1"), ("dm/2", "v2"), ("dm/2", "v1")], inside.Rows);
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

    /// <summary>One page of versions or uploads: each row's key and version or upload id.</summary>
    private sealed record RowPage(List<(string Key, string Id)> Rows, List<string> Prefixes, bool IsTruncated, string? NextKeyMarker, string? NextIdMarker);

    private async Task<RowPage> ListVersionsAsync(string prefix, string? delimiter, string? keyMarker, string? versionIdMarker, int maxKeys)
    {
        var page = await _s.Metadata.ListObjectVersionsAsync(
            new ObjectVersionListQuery(Bucket, prefix, delimiter, keyMarker, versionIdMarker, maxKeys), CancellationToken.None);
        return new RowPage(
            page.Versions.Select(v => (v.Key, v.VersionId)).ToList(), page.CommonPrefixes.ToList(), page.IsTruncated,
            page.NextKeyMarker, page.NextVersionIdMarker);
    }

    private async Task<RowPage> ListUploadsAsync(string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads)
    {
        var page = await _s.Metadata.ListUploadsAsync(
            new UploadListQuery(Bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads), CancellationToken.None);
        return new RowPage(
            page.Uploads.Select(u => (u.Key, u.UploadId)).ToList(), page.CommonPrefixes.ToList(), page.IsTruncated,
            page.NextKeyMarker, page.NextUploadIdMarker);
    }

    private static void AssertSame(RowPage expected, RowPage actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Prefixes, actual.Prefixes);
        Assert.Equal(expected.IsTruncated, actual.IsTruncated);
        if (expected.IsTruncated && expected.Rows.Count + expected.Prefixes.Count > 0)
        {
            Assert.Equal(expected.NextKeyMarker, actual.NextKeyMarker);
            Assert.Equal(expected.NextIdMarker, actual.NextIdMarker);
        }
    }

    /// <summary>
    /// ListObjectVersions / ListMultipartUploads over every row by a full scan: the rows of keys under the prefix in
    /// listing order, each rolled up as ListObjectsV2 rolls keys up; a key-marker alone skips every row of keys at or
    /// before it and the common prefixes at or before it; with an id marker too, and a key the listing shows, the rows
    /// of that key after the marker's row come first. The next markers name the last row, or the last common prefix
    /// with no id.
    /// </summary>
    private static RowPage RowModel(
        List<(string Key, string Id)> rows, string prefix, string? delimiter, string? keyMarker, string? idMarker, int max)
    {
        var page = new RowPage([], [], false, null, null);
        bool insideMarkerKey = keyMarker is not null && idMarker is not null && keyMarker.StartsWith(prefix, StringComparison.Ordinal)
            && (string.IsNullOrEmpty(delimiter) || keyMarker.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) < 0);
        bool pastMarkerRow = false;
        string? lastPrefix = null;
        (string Key, string? Id)? last = null;
        foreach (var (key, id) in rows)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            int order = keyMarker is null ? 1 : Utf8Order.Compare(key, keyMarker);
            if (order < 0 || (order == 0 && !insideMarkerKey))
            {
                continue;
            }

            if (order == 0 && !pastMarkerRow)
            {
                pastMarkerRow = id == idMarker;
                continue;
            }

            int at = string.IsNullOrEmpty(delimiter) ? -1 : key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            string? common = at >= 0 ? key[..(at + delimiter!.Length)] : null;
            if (common is not null && ((keyMarker is not null && Utf8Order.Compare(common, keyMarker) <= 0) || common == lastPrefix))
            {
                continue;
            }

            if (page.Rows.Count + page.Prefixes.Count == max)
            {
                return page with { IsTruncated = true, NextKeyMarker = last?.Key, NextIdMarker = last?.Id };
            }

            if (common is not null)
            {
                page.Prefixes.Add(common);
                lastPrefix = common;
                last = (common, null);
            }
            else
            {
                page.Rows.Add((key, id));
                last = (key, id);
            }
        }

        return page;
    }

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
