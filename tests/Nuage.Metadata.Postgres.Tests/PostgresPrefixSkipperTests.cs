using Npgsql;
using Nuage.Metadata.Core;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// Issue 18 "a delimiter listing skips each common prefix in one seek", on PostgreSQL in one round trip: a page of
/// common prefixes is one statement (the recursive skip), and keys that do not roll up are left to range scans.
/// What the listing returns is held to a model on both engines by Nuage.Storage.Tests' ListingEdgeTests; this counts
/// the statements.
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

    private static (PostgresPrefixSkipper Skipper, List<string> Prefixes, List<string> Keys, PrefixWalker.Result Result) Walk(NpgsqlConnection connection, int budget)
    {
        var skipper = new PostgresPrefixSkipper(connection, "b", "logs/", "/", CancellationToken.None);
        var prefixes = new List<string>();
        var keys = new List<string>();
        var result = PrefixWalker.Walk("logs/", "/", null, budget, skipper.Open, (cursor, key) => keys.Add(key), prefixes);
        return (skipper, prefixes, keys, result);
    }

    // The checksum is stored, never checked by a listing.
    private static ObjectRow Row(string key) =>
        new("b", key, "null", 1, "etag", DateTimeOffset.UnixEpoch, "local", "o", StoredAttributes.Empty, null, null,
            new InlineData([1], 0));
}
