using System.Diagnostics;
using Npgsql;
using Nuage.Metadata.Core;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// Issue 18 "a delimiter listing skips each common prefix in one seek", on PostgreSQL in one round trip: a page of
/// common prefixes is one statement (the recursive skip), and keys that do not roll up are left to range scans. This
/// holds for ListObjects, ListObjectVersions and ListMultipartUploads alike. What the listings return is held to a
/// model on both engines by Nuage.Storage.Tests' ListingEdgeTests; this counts the statements.
/// </summary>
public sealed class PostgresPrefixSkipperTests
{
    [Fact]
    public async Task Thirty_common_prefixes_are_one_statement_and_a_page_stops_at_its_budget()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await store.WriteAsync(
            t =>
            {
                t.InsertBucket(new BucketRow("b", "o", "local", t.Now));
                for (int day = 0; day < 30; day++)
                {
                    for (int file = 0; file < 5; file++)
                    {
                        t.PutObject(Row($"logs/d{day:D2}/f{file}"), versionIdIsNew: false);
                    }
                }

                t.PutObject(Row("logs/plain-1"), versionIdIsNew: false);
                t.PutObject(Row("logs/plain-2"), versionIdIsNew: false);
                return true;
            },
            CancellationToken.None);

        await using var connection = new NpgsqlConnection(PostgresUrl.Parse(cluster.Url).ConnectionString);
        await connection.OpenAsync();
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);

        var (skipper, prefixes, keys, result) = Walk(connection, 1000);
        Assert.Equal(Enumerable.Range(0, 30).Select(d => $"logs/d{d:D2}/"), prefixes);
        Assert.Equal(["logs/plain-1", "logs/plain-2"], keys);
        Assert.False(result.IsTruncated);
        // The first statement answers all thirty seeks of the common prefixes and the first plain key's; the plain
        // keys after it come from the cursor's range scan, not from another skip.
        Assert.Equal(1, skipper.Statements);
        Assert.Equal(30, skipper.SeeksServedFromAhead);

        var (small, smallPrefixes, _, smallResult) = Walk(connection, 10);
        Assert.Equal(10, smallPrefixes.Count);
        Assert.True(smallResult.IsTruncated);
        Assert.Equal("logs/d09/", smallResult.LastEntry);
        Assert.Equal(1, small.Statements);
    }

    /// <summary>
    /// Thirty common prefixes (each of five keys with two versions and three uploads) and nothing after them: each
    /// listing is one statement in all, the server's walk also telling that no key follows the last common prefix.
    /// Before the version and upload listings skipped on the server they took a statement per common prefix (31), and
    /// ListObjects a second statement to find nothing after the last one. Counted on the wire: every command Npgsql
    /// sends (its "Npgsql" ActivitySource) under the test's own activity.
    /// </summary>
    [Fact]
    public async Task Thirty_common_prefixes_are_one_statement_for_objects_versions_and_uploads()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var store = new PostgresMetadataStore(cluster.Url);
        await store.WriteAsync(
            t =>
            {
                t.InsertBucket(new BucketRow("b", "o", "local", t.Now));
                foreach (string top in new[] { "logs", "mixed" })
                {
                    for (int day = 0; day < 30; day++)
                    {
                        for (int file = 0; file < 5; file++)
                        {
                            AddKey(t, $"{top}/d{day:D2}/f{file}");
                        }
                    }
                }

                // After mixed/'s thirty common prefixes, a key that does not roll up (two versions, two uploads).
                AddKey(t, "mixed/plain");
                return true;
            },
            CancellationToken.None);

        await using var connection = new NpgsqlConnection(PostgresUrl.Parse(cluster.Url).ConnectionString);
        await connection.OpenAsync();
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var days = Enumerable.Range(0, 30).Select(d => $"logs/d{d:D2}/").ToList();

        var (objects, objectStatements) = Count(() => PostgresListings.ListObjects(connection, new ObjectListQuery("b", "logs/", "/", null, 1000), CancellationToken.None));
        Assert.Equal(days, objects.CommonPrefixes);
        Assert.Empty(objects.Objects);
        Assert.False(objects.IsTruncated);
        Assert.Equal(1, objectStatements);

        var (versions, versionStatements) = Count(() => PostgresListings.ListObjectVersions(connection, new ObjectVersionListQuery("b", "logs/", "/", null, null, 1000), CancellationToken.None));
        Assert.Equal(days, versions.CommonPrefixes);
        Assert.Empty(versions.Versions);
        Assert.False(versions.IsTruncated);
        Assert.Equal(1, versionStatements);

        var (uploads, uploadStatements) = Count(() => PostgresListings.ListUploads(connection, new UploadListQuery("b", "logs/", "/", null, null, 1000), CancellationToken.None));
        Assert.Equal(days, uploads.CommonPrefixes);
        Assert.Empty(uploads.Uploads);
        Assert.False(uploads.IsTruncated);
        Assert.Equal(1, uploadStatements);

        // A page of ten stops at its budget in one statement, and the next page resumes after its last common prefix
        // in one statement too.
        var (firstTen, firstTenStatements) = Count(() => PostgresListings.ListObjectVersions(connection, new ObjectVersionListQuery("b", "logs/", "/", null, null, 10), CancellationToken.None));
        Assert.Equal(days[..10], firstTen.CommonPrefixes);
        Assert.True(firstTen.IsTruncated);
        Assert.Equal("logs/d09/", firstTen.NextKeyMarker);
        Assert.Null(firstTen.NextVersionIdMarker);
        Assert.Equal(1, firstTenStatements);
        var (rest, restStatements) = Count(() => PostgresListings.ListUploads(connection, new UploadListQuery("b", "logs/", "/", "logs/d09/", null, 1000), CancellationToken.None));
        Assert.Equal(days[10..], rest.CommonPrefixes);
        Assert.Equal(1, restStatements);

        // With a key after the common prefixes: the skip returns the key's first row with them; the rest of that key
        // (its older version, its second upload) and the range after it are the cursor's two range scans.
        var (mixedVersions, mixedVersionStatements) = Count(() => PostgresListings.ListObjectVersions(connection, new ObjectVersionListQuery("b", "mixed/", "/", null, null, 1000), CancellationToken.None));
        Assert.Equal(30, mixedVersions.CommonPrefixes.Count);
        Assert.Equal([("mixed/plain", "v2", true), ("mixed/plain", "v1", false)], mixedVersions.Versions.Select(v => (v.Key, v.VersionId, v.IsLatest)));
        Assert.Equal(3, mixedVersionStatements);
        var (mixedUploads, mixedUploadStatements) = Count(() => PostgresListings.ListUploads(connection, new UploadListQuery("b", "mixed/", "/", null, null, 1000), CancellationToken.None));
        Assert.Equal(30, mixedUploads.CommonPrefixes.Count);
        Assert.Equal(["mixed/plain#0", "mixed/plain#1"], mixedUploads.Uploads.Select(u => u.UploadId));
        Assert.Equal(3, mixedUploadStatements);
    }

    private static void AddKey(IMetadataTransaction t, string key)
    {
        t.PutObject(Row(key) with { VersionId = "v1" }, versionIdIsNew: true);
        t.PutObject(Row(key) with { VersionId = "v2" }, versionIdIsNew: true);
        t.InsertUpload(new UploadRow(key + "#0", "b", key, t.Now, "o", StoredAttributes.Empty, null));
        t.InsertUpload(new UploadRow(key + "#1", "b", key, t.Now, "o", StoredAttributes.Empty, null));
    }

    private static (PostgresPrefixSkipper<ObjectListEntry> Skipper, List<string> Prefixes, List<string> Keys, PrefixWalker.Result Result) Walk(NpgsqlConnection connection, int budget)
    {
        var skipper = new PostgresPrefixSkipper<ObjectListEntry>(connection, ObjectSeeks.Instance, "b", "logs/", "/", CancellationToken.None);
        var prefixes = new List<string>();
        var keys = new List<string>();
        var result = PrefixWalker.Walk("logs/", "/", null, budget, skipper.Open, (cursor, key) => keys.Add(key), prefixes);
        return (skipper, prefixes, keys, result);
    }

    /// <summary>
    /// Runs a listing and counts the commands Npgsql sent meanwhile, on this test's trace only (other tests run in
    /// parallel): the listing is synchronous, so Npgsql's activities are children of the one started here.
    /// </summary>
    private static (T Result, int Statements) Count<T>(Func<T> listing)
    {
        int statements = 0;
        using var root = new Activity("listing").SetIdFormat(ActivityIdFormat.W3C).Start();
        var trace = root.TraceId;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == trace && !activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref statements);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var result = listing();
        return (result, Volatile.Read(ref statements));
    }

    // The checksum is stored, never checked by a listing.
    private static ObjectRow Row(string key) =>
        new("b", key, "null", 1, "etag", DateTimeOffset.UnixEpoch, "local", "o", StoredAttributes.Empty, null, null,
            new InlineData([1], 0));
}
