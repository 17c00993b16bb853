using Npgsql;
using Nuage.Testing;
using Xunit.Abstractions;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// Two nodes on one database (two <see cref="PostgresMetadataStore"/> instances, each with its own group-committing
/// writer) writing the same key of the same bucket at once. Their SERIALIZABLE transactions collide on
/// current_objects and bucket_usage rows; the loser gets a serialization failure and its batch is replayed
/// (<see cref="WriteReplay.OnSerializationFailure"/>). Every write must succeed, and the trigger-kept usage must
/// equal a count over the objects afterwards: a replay that applied twice, or a lost one, would show. The hot key's
/// null version is replaced by both nodes with statements that need no answer (its blobs reach garbage on the
/// server, PostgresObjectSql.InsertGarbageOfVersion): every replaced blob must be in garbage once, and the garbage
/// count kept by the trigger must equal the rows.
/// </summary>
public sealed class PostgresWriteReplayTests(ITestOutputHelper output) : IDisposable
{
    private const string Bucket = "contended";
    private readonly string _database = "nuage_replay_" + Guid.NewGuid().ToString("N")[..16];

    public void Dispose() => SharedPostgres.DropDatabase(_database);

    [Fact]
    public async Task Two_nodes_writing_one_key_both_succeed_through_replays_and_usage_stays_exact()
    {
        string url = SharedPostgres.DatabaseUrl(_database);
        await using var first = new PostgresMetadataStore(url);
        await using var second = new PostgresMetadataStore(url);
        Assert.Equal(WriteReplay.OnSerializationFailure, first.WriteReplay);
        await first.WriteAsync(tx => tx.InsertBucket(new BucketRow(Bucket, "acct-1", "local", tx.Now)), CancellationToken.None);

        // Rounds of simultaneous writes until a replay has been seen (a delegate ran more often than it was
        // submitted); a round is short, and two writers overlapping on one row is the common case, not the rare one.
        const int PerNode = 12;
        int submitted = 0;
        int runs = 0;
        int rounds = 0;
        var replacedBlobs = new List<Guid>();
        while (runs == submitted && rounds < 40)
        {
            rounds++;
            using var start = new ManualResetEventSlim();
            var writes = new List<Task<bool>>();
            foreach (var (store, node) in new[] { (first, "a"), (second, "b") })
            {
                for (int i = 0; i < PerNode; i++)
                {
                    var row = Row(i, node, rounds);
                    if (row.Data is BlobManifest manifest)
                    {
                        replacedBlobs.AddRange(manifest.Segments.Select(s => s.BlobId));
                    }

                    bool isNew = row.VersionId != "null";
                    writes.Add(Task.Run(() =>
                    {
                        start.Wait();
                        return store.WriteAsync(
                            tx =>
                            {
                                // Counted outside the transaction on purpose: this is what a replay repeats.
                                Interlocked.Increment(ref runs);
                                tx.PutObject(row with { LastModified = tx.Now }, versionIdIsNew: isNew);
                                return true;
                            },
                            CancellationToken.None);
                    }));
                    submitted++;
                }
            }

            start.Set();
            Assert.All(await Task.WhenAll(writes), Assert.True);
        }

        output.WriteLine($"{submitted} writes in {rounds} rounds ran {runs} times: {runs - submitted} replayed runs.");
        Assert.True(runs > submitted, $"No serialization failure was replayed in {rounds} rounds of {2 * PerNode} writes.");

        await using var connection = new NpgsqlConnection(PostgresUrl.Parse(url).ConnectionString);
        await connection.OpenAsync();
        var kept = await Row3(connection, "SELECT objects, bytes, stored_bytes FROM bucket_usage WHERE bucket = $1");
        var counted = await Row3(
            connection,
            "SELECT (SELECT count(*) FROM current_objects c JOIN objects o ON o.seq = c.seq WHERE c.bucket = $1 AND NOT o.is_delete_marker), " +
            "(SELECT COALESCE(SUM(o.size), 0)::BIGINT FROM current_objects c JOIN objects o ON o.seq = c.seq WHERE c.bucket = $1 AND NOT o.is_delete_marker), " +
            "(SELECT COALESCE(SUM(size), 0)::BIGINT FROM objects WHERE bucket = $1)");
        Assert.Equal(counted, kept);

        // The store's own reading of the counters agrees, and so does a listing of the hot key's versions: every
        // new version written once (none twice by a replay), plus the one null version.
        var usage = Assert.Single((await second.ReadUsageAsync(CancellationToken.None)).Buckets);
        Assert.Equal(kept, (usage.Objects, usage.Bytes, usage.StoredBytes));
        var versions = await first.ListObjectVersionsAsync(new ObjectVersionListQuery(Bucket, "hot", null, null, null, 10_000), CancellationToken.None);
        int newVersions = rounds * 2 * Enumerable.Range(0, PerNode).Count(i => i % 3 == 1);
        Assert.Equal(newVersions + 1, versions.Versions.Count(v => v.Key == "hot"));
        Assert.Single(versions.Versions, v => v.Key == "hot" && v.IsLatest);

        // Every null version written to the hot key was replaced by a later one except the one that stays: its blobs
        // are garbage, each once (garbage's key is the blob id; the trigger's count equals the rows), and no blob of
        // the surviving row is.
        var surviving = (await Manifest(connection)).ToHashSet();
        Assert.Equal(2, surviving.Count);
        Assert.Subset(replacedBlobs.ToHashSet(), surviving);
        var garbage = await first.ListGarbageAsync(100_000, CancellationToken.None);
        Assert.Equal(replacedBlobs.Where(b => !surviving.Contains(b)).Order(), garbage.Order());
        Assert.Equal(garbage.Count, (await second.ReadUsageAsync(CancellationToken.None)).GarbageBlobs);
    }

    // Three kinds of write, all on the bucket's usage row: the hot key's null version replaced in place (two blobs
    // of its own, which become garbage when the next one replaces it), a new version of the hot key, and a key of
    // the node's own.
    private static ObjectRow Row(int i, string node, int round)
    {
        var (key, versionId) = (i % 3) switch
        {
            0 => ("hot", "null"),
            1 => ("hot", $"v-{round:D3}-{node}-{i:D3}"),
            _ => ($"own-{node}-{round:D3}-{i:D3}", "null"),
        };
        return new ObjectRow(
            Bucket, key, versionId, 100 + i, "etag", DateTimeOffset.UnixEpoch, "local", "acct-1", StoredAttributes.Empty, null, null,
            versionId == "null" && key == "hot"
                ? new BlobManifest([new BlobSegment(Guid.NewGuid(), 60), new BlobSegment(Guid.NewGuid(), 40 + i)])
                : new InlineData(new byte[8], 0));
    }

    // The blob ids of the hot key's null version as the engine stored them (ManifestCodec's layout, read by .NET).
    private static async Task<IReadOnlyList<Guid>> Manifest(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT manifest FROM objects WHERE bucket = $1 AND key = $2 AND version_id = 'null'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Bucket });
        command.Parameters.Add(new NpgsqlParameter { Value = System.Text.Encoding.UTF8.GetBytes("hot") });
        var bytes = (byte[])(await command.ExecuteScalarAsync())!;
        return Nuage.Metadata.Core.ManifestCodec.Decode(bytes).Segments.Select(s => s.BlobId).ToList();
    }

    private static async Task<(long, long, long)> Row3(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Bucket });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
