namespace Nuage.Storage.Tests;

using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Nuage.Metadata;
using Nuage.Metadata.Postgres;
using Nuage.Storage.Objects;
using Nuage.Testing;
using Xunit.Abstractions;

public abstract class ListingTests(MetadataEngine engine, ITestOutputHelper output) : IAsyncLifetime
{
    // In UTF-8 byte order; UTF-16 ordinal order would put the emoji (a surrogate pair, 0xD83D) before U+FFFD.
    private static readonly string[] SortedKeys =
        ["B", "a", "a/b", "a/c/d", "a/c/e", "b", "z", "~", "é", "\uFFFD", "\U0001F600"];

    private static readonly Comparer<string> Utf8Order = Comparer<string>.Create(
        (x, y) => System.Text.Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y)));

    private readonly StorageFixture _s = new(engine: engine);

    protected StorageFixture Fixture => _s;

    protected ITestOutputHelper Output => output;

    public async Task InitializeAsync()
    {
        await _s.CreateBucketAsync();
        foreach (string key in SortedKeys.Reverse())
        {
            await _s.PutAsync("bucket-1", key, [1]);
        }
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Keys_list_in_utf8_byte_order()
    {
        var page = await List("", null, null, 1000);
        Assert.Equal(SortedKeys, page.Objects.Select(o => o.Key));
        Assert.False(page.IsTruncated);
        Assert.Equal("\U0001F600", page.LastEntry);
    }

    [Fact]
    public async Task Delimiter_rolls_keys_up_into_common_prefixes()
    {
        var root = await List("", "/", null, 1000);
        Assert.Equal(["B", "a", "b", "z", "~", "é", "\uFFFD", "\U0001F600"], root.Objects.Select(o => o.Key));
        Assert.Equal(["a/"], root.CommonPrefixes);

        var inA = await List("a/", "/", null, 1000);
        Assert.Equal(["a/b"], inA.Objects.Select(o => o.Key));
        Assert.Equal(["a/c/"], inA.CommonPrefixes);
    }

    [Fact]
    public async Task Pages_resume_after_their_last_entry_including_a_common_prefix()
    {
        var seen = new List<string>();
        string? marker = null;
        int pages = 0;
        while (true)
        {
            var page = await List("", "/", marker, 2);
            pages++;
            seen.AddRange(page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes).Order(Utf8Order));
            if (!page.IsTruncated)
            {
                break;
            }

            marker = page.LastEntry;
        }

        Assert.Equal(["B", "a", "a/", "b", "z", "~", "é", "\uFFFD", "\U0001F600"], seen);
        Assert.Equal(5, pages);

        var afterPrefix = await List("", "/", "a/", 1);
        Assert.Equal(["b"], afterPrefix.Objects.Select(o => o.Key));
        var insidePrefix = await List("", "/", "a/c/d", 1);
        Assert.Equal(["b"], insidePrefix.Objects.Select(o => o.Key));
        Assert.Empty(insidePrefix.CommonPrefixes);
    }

    [Fact]
    public async Task Prefix_listing_stays_within_the_prefix()
    {
        var page = await List("a/c", null, null, 1000);
        Assert.Equal(["a/c/d", "a/c/e"], page.Objects.Select(o => o.Key));
        var after = await List("a/", null, "a/c/d", 1000);
        Assert.Equal(["a/c/e"], after.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task Ten_thousand_keys_list_by_pages_and_by_prefix_quickly()
    {
        await WriteTenThousandKeysAsync();

        var watch = Stopwatch.StartNew();
        int count = 0;
        string? marker = null;
        do
        {
            var page = await List("dir", null, marker, 1000, "big");
            count += page.Objects.Count;
            marker = page.IsTruncated ? page.LastEntry : null;
        }
        while (marker is not null);
        output.WriteLine($"{engine}: 10,000 keys in 10 pages: {watch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(10_000, count);

        watch.Restart();
        var rolled = await List("", "/", null, 1000, "big");
        output.WriteLine($"{engine}: roll-up of 10,000 keys into 10 prefixes: {watch.Elapsed.TotalMilliseconds:F2} ms");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"dir{i}/"), rolled.CommonPrefixes);
    }

    // A key with more rows than a seek's first page (versions, uploads) is read whole and in order, and paging with
    // markers, including a page that ends inside that key, yields the same rows once each (AWS ListObjectVersions
    // "version-id-marker", ListMultipartUploads "upload-id-marker").
    [Fact]
    public async Task A_key_with_many_versions_and_uploads_lists_whole_in_order_and_pages_resume_inside_it()
    {
        await _s.CreateBucketAsync("many");
        var versionsOf = new Dictionary<string, int> { ["j"] = 1, ["k"] = 20, ["l"] = 3 };
        await _s.Metadata.WriteAsync(
            tx =>
            {
                foreach (var (key, count) in versionsOf)
                {
                    for (int v = 0; v < count; v++)
                    {
                        tx.PutObject(new ObjectRow("many", key, $"{key}-v{v:D2}", v, "etag", tx.Now, "local", "o", StoredAttributes.Empty, null, null,
                            new InlineData([1], Nuage.Blobs.BlockChecksum.Compute([1], 0))), versionIdIsNew: true);
                        tx.InsertUpload(new UploadRow($"{key}-u{v:D2}", "many", key, tx.Now, "o", StoredAttributes.Empty, null));
                    }
                }

                return true;
            },
            CancellationToken.None);
        var expected = versionsOf.SelectMany(p => Enumerable.Range(0, p.Value).Reverse().Select(v => (p.Key, $"{p.Key}-v{v:D2}"))).ToList();

        var all = await _s.Metadata.ListObjectVersionsAsync(new ObjectVersionListQuery("many", "", null, null, null, 1000), CancellationToken.None);
        Assert.Equal(expected, all.Versions.Select(v => (v.Key, v.VersionId)));
        Assert.Equal(["j-v00", "k-v19", "l-v02"], all.Versions.Where(v => v.IsLatest).Select(v => v.VersionId));
        Assert.False(all.IsTruncated);

        var paged = new List<(string, string)>();
        (string? key, string? id) marker = (null, null);
        do
        {
            var page = await _s.Metadata.ListObjectVersionsAsync(new ObjectVersionListQuery("many", "", null, marker.key, marker.id, 7), CancellationToken.None);
            paged.AddRange(page.Versions.Select(v => (v.Key, v.VersionId)));
            marker = page.IsTruncated ? (page.NextKeyMarker, page.NextVersionIdMarker) : (null, null);
        }
        while (marker.key is not null);
        Assert.Equal(expected, paged);

        var uploads = versionsOf.SelectMany(p => Enumerable.Range(0, p.Value).Select(v => $"{p.Key}-u{v:D2}")).ToList();
        var allUploads = await _s.Metadata.ListUploadsAsync(new UploadListQuery("many", "", null, null, null, 1000), CancellationToken.None);
        Assert.Equal(uploads, allUploads.Uploads.Select(u => u.UploadId));
        var pagedUploads = new List<string>();
        (string? key, string? id) uploadMarker = (null, null);
        do
        {
            var page = await _s.Metadata.ListUploadsAsync(new UploadListQuery("many", "", null, uploadMarker.key, uploadMarker.id, 6), CancellationToken.None);
            pagedUploads.AddRange(page.Uploads.Select(u => u.UploadId));
            uploadMarker = page.IsTruncated ? (page.NextKeyMarker, page.NextUploadIdMarker) : (null, null);
        }
        while (uploadMarker.key is not null);
        Assert.Equal(uploads, pagedUploads);
    }

    /// <summary>10,000 keys in bucket "big", ten under each of dir0/ .. dir9/.</summary>
    protected async Task WriteTenThousandKeysAsync()
    {
        await _s.CreateBucketAsync("big");
        await _s.Metadata.WriteAsync(
            tx =>
            {
                for (int i = 0; i < 10_000; i++)
                {
                    tx.PutObject(new ObjectRow("big", $"dir{i % 10}/file{i:D5}", "null", 1, "etag", tx.Now, "local", "o",
                        StoredAttributes.Empty, null, null, new InlineData([1], Nuage.Blobs.BlockChecksum.Compute([1], 0))), versionIdIsNew: false);
                }

                return true;
            },
            CancellationToken.None);
    }

    protected Task<ListObjectsPage> List(string prefix, string? delimiter, string? startAfter, int maxKeys, string bucket = "bucket-1") =>
        _s.Objects.ListObjectsAsync(new ListObjectsRequest(bucket, prefix, delimiter, startAfter, maxKeys), CancellationToken.None);
}

public sealed class ListingTestsOnSqlite(ITestOutputHelper output) : ListingTests(MetadataEngine.Sqlite, output)
{
    [Theory]
    // The listing of current objects walks current_objects, one row a key (schema 011), and reads each key's latest
    // version by seq, so a key's noncurrent versions are never read by ListObjects; the version listing walks the
    // keys in order and sorts each key's versions newest first on their own (never the whole range at once); one
    // key's versions after a version-id-marker are read backwards from objects_versions without sorting. The
    // statements are those of Nuage.Metadata.Sqlite's Sql class.
    [InlineData(
        "SELECT o.key, o.version_id, o.size FROM current_objects c CROSS JOIN objects o ON o.seq = c.seq " +
        "WHERE c.bucket = $1 AND c.key >= CAST($2 AS TEXT) AND c.key < CAST($3 AS TEXT) AND o.is_delete_marker = 0 ORDER BY c.key LIMIT 10",
        "SEARCH c USING PRIMARY KEY (bucket=? AND key>? AND key<?)\nSEARCH o USING INTEGER PRIMARY KEY (rowid=?)")]
    [InlineData(
        "SELECT o.key, o.version_id, c.seq IS NOT NULL FROM objects o LEFT JOIN current_objects c ON c.bucket = o.bucket AND c.key = o.key AND c.seq = o.seq " +
        "WHERE o.bucket = $1 AND o.key >= CAST($2 AS TEXT) AND o.key < CAST($3 AS TEXT) ORDER BY o.key, o.seq DESC LIMIT 10",
        "USE TEMP B-TREE FOR LAST TERM OF ORDER BY")]
    [InlineData(
        "SELECT o.key, o.version_id, c.seq IS NOT NULL FROM objects o LEFT JOIN current_objects c ON c.bucket = o.bucket AND c.key = o.key AND c.seq = o.seq " +
        "WHERE o.bucket = $1 AND o.key = CAST($2 AS TEXT) AND o.seq < 10 AND o.key < CAST($3 AS TEXT) ORDER BY o.seq DESC LIMIT 10",
        "SEARCH o USING INDEX objects_versions (bucket=? AND key=? AND seq<?)")]
    // The upload listing's seek: a range of uploads_by_key (bucket, key, upload_id) in its own order, no sort.
    [InlineData(
        "SELECT key, upload_id, initiated FROM uploads WHERE bucket = $1 AND key >= CAST($2 AS TEXT) AND key < CAST($3 AS TEXT) ORDER BY key, upload_id LIMIT 10",
        "SEARCH uploads USING INDEX uploads_by_key (bucket=? AND key>? AND key<?)")]
    [InlineData(
        "SELECT o.size FROM current_objects c JOIN objects o ON o.seq = c.seq WHERE c.bucket = $1 AND c.key = CAST($2 AS TEXT) AND c.key < CAST($3 AS TEXT)",
        "SEARCH c USING PRIMARY KEY (bucket=? AND key=?)\nSEARCH o USING INTEGER PRIMARY KEY (rowid=?)")]
    public void Range_seeks_use_the_key_indexes(string query, string expected)
    {
        using var connection = new SqliteConnection("Data Source=" + Path.Combine(Fixture.DataDirectory, "metadata.db") + ";Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query;
        command.Parameters.AddWithValue("$1", "bucket-1");
        command.Parameters.AddWithValue("$2", new byte[] { 0x61 });
        command.Parameters.AddWithValue("$3", new byte[] { 0x62 });
        using var reader = command.ExecuteReader();
        var plan = new System.Text.StringBuilder();
        while (reader.Read())
        {
            plan.AppendLine(reader.GetString(3));
        }

        Output.WriteLine(plan.ToString());
        Assert.Contains(expected, plan.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", plan.ToString(), StringComparison.Ordinal);
    }
}

public sealed class ListingTestsOnPostgres(ITestOutputHelper output) : ListingTests(MetadataEngine.Postgres, output)
{
    // Each seek of the PostgreSQL engine (PostgresObjectSql) is one range scan of a key index in key order, stopped
    // by its LIMIT: no sequential scan and no Sort over the range (the version listing's Incremental Sort only turns
    // each key's versions round, on keys the index already presents in order). The statements are the engine's, with
    // its $1 bucket, $2 from, $3 limit or seq, $4 upper; the tables hold 10,000 keys and 2,000 uploads, analysed.
    public static readonly TheoryData<string, string> Seeks = new()
    {
        {
            "SELECT c.key, o.version_id, o.size FROM current_objects c JOIN objects o ON o.seq = c.seq " +
            "WHERE c.bucket = $1 AND c.key >= $2 AND c.key < $4 AND NOT o.is_delete_marker ORDER BY c.key LIMIT $3",
            "Index Scan using current_objects_pkey on current_objects c"
        },
        {
            "SELECT o.key, o.version_id, c.seq IS NOT NULL FROM objects o LEFT JOIN current_objects c ON c.bucket = o.bucket AND c.key = o.key AND c.seq = o.seq " +
            "WHERE o.bucket = $1 AND o.key > $2 AND o.key < $4 ORDER BY o.key, o.seq DESC LIMIT $3",
            "Presorted Key: o.key"
        },
        {
            "SELECT o.key, o.version_id FROM objects o WHERE o.bucket = $1 AND o.key = $2 AND o.seq < $3 AND o.key < $4 ORDER BY o.seq DESC LIMIT 10",
            "Index Scan Backward using objects_versions on objects o"
        },
        {
            "SELECT key, upload_id FROM uploads WHERE bucket = $1 AND key >= $2 AND key < $4 ORDER BY key, upload_id LIMIT $3",
            "Scan using uploads_by_key on uploads"
        },
    };

    [Fact]
    public async Task Range_seeks_are_index_scans_in_key_order()
    {
        await WriteTenThousandKeysAsync();
        await Fixture.Metadata.WriteAsync(
            tx =>
            {
                for (int i = 0; i < 2000; i++)
                {
                    tx.InsertUpload(new UploadRow($"upload-{i:D5}", "big", $"dir{i % 10}/up{i:D5}", tx.Now, "o", StoredAttributes.Empty, null));
                }

                return true;
            },
            CancellationToken.None);
        await using var connection = new NpgsqlConnection(PostgresUrl.Parse(Fixture.Engine.ServerOption(Fixture.DataDirectory)!).ConnectionString);
        await connection.OpenAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        foreach (var row in Seeks)
        {
            string query = (string)row[0];
            string expected = (string)row[1];
            await using var command = new NpgsqlCommand("EXPLAIN " + query, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = "big" });
            command.Parameters.Add(new NpgsqlParameter { Value = "dir3/"u8.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = query.Contains("seq < $3", StringComparison.Ordinal) ? 1_000_000L : 9L });
            command.Parameters.Add(new NpgsqlParameter { Value = "dir30"u8.ToArray() });
            var plan = new System.Text.StringBuilder();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.AppendLine(reader.GetString(0));
                }
            }

            Output.WriteLine(plan.ToString());
            Assert.Contains(expected, plan.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan", plan.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(
                plan.ToString().Split('\n'),
                line => line.TrimStart().StartsWith("Sort  (", StringComparison.Ordinal) || line.Contains("->  Sort  (", StringComparison.Ordinal));
        }
    }
}
