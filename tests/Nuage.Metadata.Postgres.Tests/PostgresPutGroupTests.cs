using Npgsql;
using Nuage.Testing;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>
/// PUTs of consecutive units are sent as one multi-row statement per step (PostgresPutGroup). The statements of
/// different PUTs then run step by step rather than PUT by PUT, so these tests hold the outcome to a model that applies
/// the writes one after the other: the rows, the garbage and the trigger-kept usage must be exactly that, with units
/// failing in .NET and in a held statement among them (each charged to its own unit), a key written twice in one
/// batch, deletes, and PUTs of new version ids beside replacements of the null version.
/// </summary>
public sealed class PostgresPutGroupTests : IDisposable
{
    private readonly string _database = "nuage_putgroup_" + Guid.NewGuid().ToString("N")[..16];

    public void Dispose() => SharedPostgres.DropDatabase(_database);

    [Fact]
    public async Task Puts_of_one_unit_are_held_as_one_group_and_a_repeated_key_starts_another()
    {
        await using var store = new PostgresMetadataStore(SharedPostgres.DatabaseUrl(_database));
        await store.WriteAsync(tx => tx.InsertBucket(new BucketRow("b", "o", "local", tx.Now)), CancellationToken.None);
        var firstBlob = Guid.NewGuid();
        await store.WriteAsync(tx => { tx.PutObject(Row("b", "k0", 10, firstBlob), versionIdIsNew: false); return 0; }, CancellationToken.None);

        await store.WriteAsync(
            t =>
            {
                var tx = (PostgresTransaction)t;
                int held = tx.HeldWrites;
                tx.PutObject(Row("b", "k0", 11, Guid.NewGuid()), versionIdIsNew: false);
                tx.SetObjectAcl("b", "k0", "null", null);
                Assert.Equal(held + 6, tx.HeldWrites); // one PUT: its own five statements and the ACL's
                for (int i = 1; i < 10; i++)
                {
                    tx.PutObject(Row("b", "k" + i, 20 + i, Guid.NewGuid()), versionIdIsNew: false);
                    tx.SetObjectAcl("b", "k" + i, "null", null);
                }

                Assert.Equal(held + 6, tx.HeldWrites); // ten PUTs: still one statement per step

                // k0 again: the group so far is held as statements, and the PUT starts a group of its own.
                tx.PutObject(Row("b", "k0", 12, Guid.NewGuid()), versionIdIsNew: false);
                Assert.Equal(held + 6 + 5, tx.HeldWrites);
                return 0;
            },
            CancellationToken.None);

        await using var connection = await OpenAsync();
        Assert.Equal(12L, await ScalarAsync(connection, "SELECT o.size FROM current_objects c JOIN objects o ON o.seq = c.seq WHERE c.key = $1", "k0"u8.ToArray()));
        Assert.Equal(1L + 9, await ScalarAsync(connection, "SELECT count(*) FROM objects"));
        Assert.Equal(2L, await ScalarAsync(connection, "SELECT count(*) FROM garbage")); // k0's first two blobs
        Assert.Equal(true, await ScalarAsync(connection, "SELECT EXISTS (SELECT 1 FROM garbage WHERE blob_id = $1)", firstBlob));
        await AssertUsageMatchesRowsAsync(connection);
    }

    [Fact]
    public async Task A_group_replaces_noncurrent_null_versions_by_deleting_them_and_latest_ones_in_place()
    {
        await using var store = new PostgresMetadataStore(SharedPostgres.DatabaseUrl(_database));
        await store.WriteAsync(tx => tx.InsertBucket(new BucketRow("s", "o", "local", tx.Now)), CancellationToken.None);
        var nullBlobs = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();

        // k0 and k1: a null version under a newer versioned one (a suspended bucket's history); k2 and k3: latest.
        await store.WriteAsync(
            tx =>
            {
                for (int i = 0; i < 4; i++)
                {
                    tx.PutObject(Row("s", "k" + i, 10 + i, nullBlobs[i]), versionIdIsNew: false);
                }

                tx.PutObject(Row("s", "k0", 100, Guid.NewGuid()) with { VersionId = "v0" }, versionIdIsNew: true);
                tx.PutObject(Row("s", "k1", 101, Guid.NewGuid()) with { VersionId = "v1" }, versionIdIsNew: true);
                return 0;
            },
            CancellationToken.None);
        await store.WriteAsync(
            t =>
            {
                var tx = (PostgresTransaction)t;
                for (int i = 0; i < 4; i++)
                {
                    tx.PutObject(Row("s", "k" + i, 20 + i, Guid.NewGuid()), versionIdIsNew: false);
                }

                Assert.Equal(5, tx.HeldWrites - 1); // one group (and BEGIN)
                return 0;
            },
            CancellationToken.None);

        await using var connection = await OpenAsync();
        var rows = await RowsAsync(
            connection,
            "SELECT convert_from(o.key, 'UTF8') || ' ' || o.version_id, o.size, (c.seq IS NOT NULL)::INT::BIGINT, 0::BIGINT " +
            "FROM objects o LEFT JOIN current_objects c ON c.seq = o.seq ORDER BY o.key, o.seq");

        // Each key's versions in seq order: a replaced noncurrent null version leaves the history and comes back on top.
        Assert.Equal(
            ["k0 v0 100 0 0", "k0 null 20 1 0", "k1 v1 101 0 0", "k1 null 21 1 0", "k2 null 22 1 0", "k3 null 23 1 0"],
            rows);
        Assert.Equal(4L, await ScalarAsync(connection, "SELECT count(*) FROM garbage WHERE blob_id = ANY($1)", nullBlobs));
        await AssertUsageMatchesRowsAsync(connection);
    }

    [Fact]
    public async Task Concurrent_batches_of_puts_deletes_and_failing_units_leave_exactly_what_one_by_one_would()
    {
        await using var store = new PostgresMetadataStore(SharedPostgres.DatabaseUrl(_database));
        var model = new Dictionary<(string Bucket, string Key), List<(long Size, Guid? Blob)>>();
        var garbage = new HashSet<Guid>();
        await store.WriteAsync(
            tx =>
            {
                tx.InsertBucket(new BucketRow("b", "o", "local", tx.Now));
                tx.InsertBucket(new BucketRow("v", "o", "local", tx.Now));
                return 0;
            },
            CancellationToken.None);

        // 50 keys with blobs to replace and delete, and 5 whose stored manifest no format knows: a PUT replacing one
        // fails in its held garbage statement, which surfaces with a later statement, perhaps another unit's.
        await store.WriteAsync(
            tx =>
            {
                for (int j = 0; j < 55; j++)
                {
                    var blob = Guid.NewGuid();
                    tx.PutObject(Row("b", Old(j), 1000 + j, blob), versionIdIsNew: false);
                    model[("b", Old(j))] = [(1000 + j, blob)];
                }

                return 0;
            },
            CancellationToken.None);
        await using (var connection = await OpenAsync())
        {
            await using var corrupt = new NpgsqlCommand("UPDATE objects SET manifest = '\\x0909'::bytea WHERE key >= 'old/50'::bytea", connection);
            Assert.Equal(5, await corrupt.ExecuteNonQueryAsync());
        }

        // Six waves of 60 units, each fired together, so the writer takes many units per batch and runs them in
        // queue order. The even waves have no failing unit: their batches commit as first run, PUTs grouped. In the
        // odd ones a unit fails, the batch is rolled back and run again with a savepoint per unit.
        var writes = new List<(int I, Task<int> Write)>();
        for (int i = 0; i < 360; i++)
        {
            int n = i;
            var blob = Guid.NewGuid();
            if (n % 60 == 0)
            {
                await Task.WhenAll(writes.Select(w => w.Write.ContinueWith(_ => { }, TaskScheduler.Default)));
            }

            switch (Fails(n) ? n % 6 : n % 4)
            {
                case 0: // replaces a null version, sometimes one another unit of the batch replaces too
                    Apply(model, garbage, ("b", Old(n % 50)), 2000 + n, blob, replace: true);
                    writes.Add((n, store.WriteAsync(tx => { tx.PutObject(Row("b", Old(n % 50), 2000 + n, blob), false); tx.SetObjectAcl("b", Old(n % 50), "null", null); return n; }, CancellationToken.None)));
                    break;
                case 1: // a new key with its data inline, as a 4 KiB PUT writes it
                    Apply(model, garbage, ("b", "new/" + n), 4096, null, replace: true);
                    writes.Add((n, store.WriteAsync(tx => { tx.PutObject(Row("b", "new/" + n, 4096, null), false); tx.SetObjectAcl("b", "new/" + n, "null", null); return n; }, CancellationToken.None)));
                    break;
                case 2: // a new version id in another bucket, between the other kind's PUTs
                    Apply(model, garbage, ("v", "v/" + (n % 20)), 100 + n, blob, replace: false);
                    writes.Add((n, store.WriteAsync(tx => { tx.PutObject(Row("v", "v/" + (n % 20), 100 + n, blob) with { VersionId = "v" + n }, true); return n; }, CancellationToken.None)));
                    break;
                case 3: // a delete of a key some PUT of the batch may have replaced
                    if (model.Remove(("b", Old(n / 6 % 50)), out var removed))
                    {
                        garbage.UnionWith(removed.Where(v => v.Blob is not null).Select(v => v.Blob!.Value));
                    }

                    writes.Add((n, store.WriteAsync(tx => { tx.DeleteObjectVersion("b", Old(n / 6 % 50), "null"); return n; }, CancellationToken.None)));
                    break;
                case 4: // a unit that PUTs, then fails in .NET: nothing of it may stay
                    writes.Add((n, store.WriteAsync<int>(tx => { tx.PutObject(Row("b", "new/" + n, 4096, null), false); throw new InvalidOperationException("unit " + n); }, CancellationToken.None)));
                    break;
                default: // a unit whose held statement fails on the server
                    writes.Add((n, store.WriteAsync(tx => { tx.PutObject(Row("b", Old(50 + n % 5), 7, blob), false); return n; }, CancellationToken.None)));
                    break;
            }
        }

        foreach (var (i, write) in writes)
        {
            switch (Fails(i) ? i % 6 : 0)
            {
                case 4:
                    Assert.Equal("unit " + i, (await Assert.ThrowsAsync<InvalidOperationException>(() => write)).Message);
                    break;
                case 5:
                    await Assert.ThrowsAsync<PostgresException>(() => write);
                    break;
                default:
                    Assert.Equal(i, await write);
                    break;
            }
        }

        await using var check = await OpenAsync();
        var stored = new Dictionary<(string, string), List<long>>();
        await using (var read = new NpgsqlCommand("SELECT bucket, convert_from(key, 'UTF8'), size FROM objects ORDER BY seq", check))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var k = (reader.GetString(0), reader.GetString(1));
                if (!stored.TryGetValue(k, out var sizes))
                {
                    stored[k] = sizes = [];
                }

                sizes.Add(reader.GetInt64(2));
            }
        }

        // old/50..54 are as they were: every PUT replacing one failed.
        Assert.Equal(
            model.OrderBy(e => e.Key).Select(e => $"{e.Key}: {string.Join(",", e.Value.Select(v => v.Size))}"),
            stored.OrderBy(e => e.Key).Select(e => $"{e.Key}: {string.Join(",", e.Value)}"));
        var garbageRows = new HashSet<Guid>();
        await using (var read = new NpgsqlCommand("SELECT blob_id FROM garbage", check))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                garbageRows.Add(reader.GetGuid(0));
            }
        }

        Assert.True(garbage.SetEquals(garbageRows), $"garbage: {garbage.Count} expected, {garbageRows.Count} stored");
        await AssertUsageMatchesRowsAsync(check);
        Assert.Equal(
            (model.Count(e => e.Key.Bucket == "b"), model.Where(e => e.Key.Bucket == "b").Sum(e => e.Value[^1].Size)),
            ((int)(long)(await ScalarAsync(check, "SELECT objects FROM bucket_usage WHERE bucket = 'b'"))!,
             (long)(await ScalarAsync(check, "SELECT bytes FROM bucket_usage WHERE bucket = 'b'"))!));
        Assert.Equal(
            model.Where(e => e.Key.Bucket == "v").Sum(e => e.Value.Sum(v => v.Size)),
            (long)(await ScalarAsync(check, "SELECT stored_bytes FROM bucket_usage WHERE bucket = 'v'"))!);
        Assert.True(store.Statistics.Commits < 360, "the units were not batched");
    }

    private static string Old(int j) => $"old/{j:D2}";

    // Units 4 and 5 of every six, in the odd waves, fail: 4 in .NET after its PUT, 5 in its PUT's held statement.
    private static bool Fails(int n) => n / 60 % 2 == 1 && n % 6 >= 4;

    // The write applied alone: a replacement's previous blob (the null version's) becomes garbage; a new version id
    // adds a version.
    private static void Apply(
        Dictionary<(string, string), List<(long, Guid?)>> model, HashSet<Guid> garbage, (string, string) key, long size, Guid? blob, bool replace)
    {
        if (!model.TryGetValue(key, out var versions))
        {
            model[key] = versions = [];
        }

        if (replace && versions.Count > 0)
        {
            if (versions[^1].Item2 is { } old)
            {
                garbage.Add(old);
            }

            versions.RemoveAt(versions.Count - 1);
        }

        versions.Add((size, blob));
    }

    /// <summary>What the usage triggers keep equals a count over the rows.</summary>
    private static async Task AssertUsageMatchesRowsAsync(NpgsqlConnection connection)
    {
        const string Counted =
            "SELECT b.name, " +
            "(SELECT count(*) FROM current_objects c JOIN objects o ON o.seq = c.seq WHERE c.bucket = b.name AND NOT o.is_delete_marker), " +
            "(SELECT COALESCE(sum(o.size), 0)::BIGINT FROM current_objects c JOIN objects o ON o.seq = c.seq WHERE c.bucket = b.name AND NOT o.is_delete_marker), " +
            "(SELECT COALESCE(sum(size), 0)::BIGINT FROM objects WHERE bucket = b.name) FROM buckets b ORDER BY b.name";
        const string Kept = "SELECT bucket, objects, bytes, stored_bytes FROM bucket_usage ORDER BY bucket";
        Assert.Equal(await RowsAsync(connection, Counted), await RowsAsync(connection, Kept));
        Assert.Equal(
            await ScalarAsync(connection, "SELECT count(*) FROM garbage"),
            await ScalarAsync(connection, "SELECT value FROM store_counters WHERE name = 'garbage_blobs'"));
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)} {reader.GetInt64(1)} {reader.GetInt64(2)} {reader.GetInt64(3)}");
        }

        return rows;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, params object[] arguments)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        return await command.ExecuteScalarAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(PostgresUrl.Parse(SharedPostgres.DatabaseUrl(_database)).ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static ObjectRow Row(string bucket, string key, long size, Guid? blob) =>
        new(bucket, key, "null", size, "etag", DateTimeOffset.UtcNow, "local", "o", StoredAttributes.Empty, null, null,
            blob is { } id ? new BlobManifest([new BlobSegment(id, size)]) : new InlineData(new byte[size], 4));
}
