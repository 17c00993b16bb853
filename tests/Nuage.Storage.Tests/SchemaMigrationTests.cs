namespace Nuage.Storage.Tests;

using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Metadata.Sqlite;
using Nuage.Storage.Encryption;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;

/// <summary>
/// A data directory written by an older version opens with a newer one: the numbered scripts above the recorded
/// version run at start (docs/storage-engine.md, "Files in the data directory"), and existing rows keep working.
/// </summary>
public sealed class SchemaMigrationTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-tests-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        // StorageFixture deletes the directory; this covers a test that failed before creating one.
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_schema_1_database_is_migrated_and_its_objects_still_read()
    {
        byte[] body = [1, 2, 3];
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "metadata.db")};Pooling=False"))
        {
            connection.Open();
            Execute(connection, Schema1());
            Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (1)");
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('old', 'acct-1', 'local', 0)");
            using var insert = connection.CreateCommand();
            insert.CommandText =
                "INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, " +
                "inline_checksum, inline_data) VALUES ('old', 'k', 'null', 3, $etag, 0, 'local', 'acct-1', $checksum, $data)";
            insert.Parameters.AddWithValue("$etag", StorageFixture.Md5Hex(body));
            insert.Parameters.AddWithValue("$checksum", unchecked((long)BlockChecksum.Compute(body, 0)));
            insert.Parameters.AddWithValue("$data", body);
            insert.ExecuteNonQuery();

            InsertTwoPartObject(connection, "old");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);

        Assert.Equal(body, await s.GetAsync("old", "k"));
        Assert.Equal([6_000_000L, 17L], (await s.Objects.HeadObjectAsync("old", "mp", null, CancellationToken.None)).PartSizes);
        var upload = await s.Multipart.CreateMultipartUploadAsync("old", "k", ObjectAttributes.Empty, null, CancellationToken.None);
        var part = await s.Multipart.UploadPartAsync("old", "k", upload.UploadId, 1, new MemoryStream([9]), 1, null, null, CancellationToken.None);
        CompletedPart[] parts = [new(1, part.ETag)];
        var first = await s.Multipart.CompleteMultipartUploadAsync("old", "k", upload.UploadId, parts, null, CancellationToken.None);
        var retried = await s.Multipart.CompleteMultipartUploadAsync("old", "k", upload.UploadId, parts, null, CancellationToken.None);
        Assert.Equal(first.ETag, retried.ETag);
        Assert.Equal([1L], retried.PartSizes);
        Assert.Equal([9], await s.GetAsync("old", "k"));
    }

    [Fact]
    public async Task A_schema_2_directory_moves_the_old_root_owner_to_the_operators_account()
    {
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "metadata.db")};Pooling=False"))
        {
            connection.Open();
            Execute(connection, Script("001_initial.sql"));
            Execute(connection, Script("002_object_upload_id.sql"));
            Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (1), (2)");
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('before-accounts', 'root', 'local', 0)");
            Execute(connection, "INSERT INTO uploads (upload_id, bucket, key, initiated, owner) VALUES ('u1', 'before-accounts', 'k', 0, 'root')");
            Execute(connection,
                "INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data) " +
                "VALUES ('before-accounts', 'k', 'null', 0, 'd41d8cd98f00b204e9800998ecf8427e', 0, 'local', 'root', 0, x'')");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);

        var operatorBuckets = await s.BucketService.ListBucketsAsync("000000000000", CancellationToken.None);
        Assert.Equal(["before-accounts"], operatorBuckets.Select(b => b.Name));
        Assert.Empty(await s.BucketService.ListBucketsAsync("root", CancellationToken.None));
        Assert.Equal("000000000000", (await s.Objects.HeadObjectAsync("before-accounts", "k", null, CancellationToken.None)).Owner);
        var upload = Assert.Single((await s.Multipart.ListMultipartUploadsAsync("before-accounts", "", null, null, null, 10, CancellationToken.None)).Uploads);
        Assert.Equal("000000000000", upload.Owner);
    }

    [Fact]
    public async Task A_schema_4_directory_gets_usage_counted_from_its_rows_and_kept_current_after()
    {
        using (var connection = AtSchema(4))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('full', 'acct-1', 'local', 0), ('empty', 'acct-1', 'local', 0)");
            foreach (var (key, size) in new[] { ("a", 3), ("b", 5) })
            {
                Execute(connection,
                    "INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data) " +
                    $"VALUES ('full', '{key}', 'null', {size}, 'e', 0, 'local', 'acct-1', 0, zeroblob({size}))");
            }

            Execute(connection, "INSERT INTO garbage (blob_id, added_at) VALUES (x'00000000000000000000000000000001', 0), (x'00000000000000000000000000000002', 0)");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);

        var usage = await s.Metadata.ReadUsageAsync(CancellationToken.None);
        Assert.Equal(2, usage.GarbageBlobs);
        Assert.Equal([new("empty", 0, 0, 0), new("full", 2, 8, 8)], usage.Buckets.OrderBy(b => b.Bucket, StringComparer.Ordinal));

        // Every write path keeps it exact: a new bucket, a put, an overwrite of another size, a delete, a bucket deleted.
        await s.CreateBucketAsync("new");
        await s.PutAsync("new", "x", new byte[10]);
        await s.PutAsync("full", "a", new byte[300_000]);
        await s.Objects.DeleteObjectAsync("full", "b", null, CancellationToken.None);
        await s.BucketService.DeleteBucketAsync("empty", CancellationToken.None);
        usage = await s.Metadata.ReadUsageAsync(CancellationToken.None);
        Assert.Equal([new("full", 1, 300_000, 300_000), new("new", 1, 10, 10)], usage.Buckets.OrderBy(b => b.Bucket, StringComparer.Ordinal));

        // The inline bodies replaced and deleted left no blob; the two old garbage rows remain until the collector runs.
        Assert.Equal(2, usage.GarbageBlobs);
        await s.Collector.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, (await s.Metadata.ReadUsageAsync(CancellationToken.None)).GarbageBlobs);
        await s.PutAsync("full", "a", new byte[1]);
        Assert.Equal(1, (await s.Metadata.ReadUsageAsync(CancellationToken.None)).GarbageBlobs);
    }

    [Fact]
    public async Task A_schema_5_directory_gets_an_empty_tags_column_and_its_objects_and_uploads_take_tags_after()
    {
        using (var connection = AtSchema(5))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('b', 'acct-1', 'local', 0)");
            Execute(connection,
                "INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data) " +
                "VALUES ('b', 'old', 'null', 3, 'e', 0, 'local', 'acct-1', 0, zeroblob(3))");
            Execute(connection, "INSERT INTO uploads (upload_id, bucket, key, initiated, owner) VALUES ('u1', 'b', 'pending', 0, 'acct-1')");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);

        // The old rows have no tags, keep reading, and take tags like new ones.
        var old = await s.Objects.HeadObjectAsync("b", "old", null, CancellationToken.None);
        Assert.Null(old.Tags);
        await s.Objects.SetObjectTagsAsync("b", "old", null, "k=v", CancellationToken.None);
        Assert.Equal("k=v", (await s.Objects.HeadObjectAsync("b", "old", null, CancellationToken.None)).Tags);
        Assert.Equal(("old", 3L), (old.Key, old.Size));

        var upload = Assert.Single((await s.Multipart.ListMultipartUploadsAsync("b", "", null, null, null, 100, CancellationToken.None)).Uploads);
        Assert.Equal("pending", upload.Key);
        var usage = await s.Metadata.ReadUsageAsync(CancellationToken.None);
        Assert.Equal([new("b", 1, 3, 3)], usage.Buckets);
    }

    [Fact]
    public async Task A_schema_6_directory_keeps_its_objects_acls_and_tags_as_null_versions_and_takes_versions_after()
    {
        byte[] body = [7, 8, 9];
        using (var connection = AtSchema(6))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('b', 'acct-1', 'local', 0)");
            InsertInlineObject(connection, "dir/a", body, ", tags", ", 'k=v'");
            Execute(connection,
                "INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data) " +
                "VALUES ('b', 'dir/b', 'null', 5, 'e', 0, 'local', 'acct-1', 0, zeroblob(5))");
            Execute(connection, "INSERT INTO object_acls (bucket, key, acl) VALUES ('b', 'dir/a', '{\"grants\":[]}')");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);

        // Every row is now the null version, latest, with its data, tags and ACL.
        var head = await s.Objects.HeadObjectAsync("b", "dir/a", null, CancellationToken.None);
        Assert.Equal(("null", "k=v"), (head.VersionId, head.Tags));
        Assert.Equal(body, await s.GetAsync("b", "dir/a"));

        Assert.Equal("{\"grants\":[]}", (await s.Objects.GetObjectAclAsync("b", "dir/a", "null", CancellationToken.None)).Acl);
        var listed = await s.Objects.ListObjectsAsync(new ListObjectsRequest("b", "", null, null, 100), CancellationToken.None);
        Assert.Equal(["dir/a", "dir/b"], listed.Objects.Select(o => o.Key));
        var versions = await s.Objects.ListObjectVersionsAsync(new ListObjectVersionsRequest("b", "", null, null, null, 100), CancellationToken.None);
        Assert.All(versions.Versions, v => Assert.True(v.IsLatest && !v.IsDeleteMarker && v.VersionId == "null"));
        Assert.Equal([new("b", 2, 8, 8)], (await s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets);

        // Versioning works on the migrated rows: an overwrite keeps the null version as a noncurrent one.
        await s.BucketService.SetVersioningAsync("b", Buckets.VersioningState.Enabled, CancellationToken.None);
        var next = await s.PutAsync("b", "dir/a", new byte[10]);
        Assert.NotEqual("null", next.VersionId);
        versions = await s.Objects.ListObjectVersionsAsync(new ListObjectVersionsRequest("b", "dir/a", null, null, null, 100), CancellationToken.None);
        Assert.Equal([(next.VersionId, true), ("null", false)], versions.Versions.Select(v => (v.VersionId, v.IsLatest)));
        Assert.Equal([new("b", 2, 15, 18)], (await s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets);
    }

    [Fact]
    public async Task A_schema_6_directory_gets_an_empty_encryption_column_and_takes_encrypted_objects_and_uploads_after()
    {
        using (var connection = AtSchema(6))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('b', 'acct-1', 'local', 0)");
            Execute(connection,
                "INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data, tags) " +
                "VALUES ('b', 'old', 'null', 3, 'e', 0, 'local', 'acct-1', 0, zeroblob(3), 'k=v')");
            Execute(connection, "INSERT INTO uploads (upload_id, bucket, key, initiated, owner) VALUES ('u1', 'b', 'pending', 0, 'acct-1')");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);

        // The old rows are in the clear and keep reading as before.
        var old = await s.Objects.HeadObjectAsync("b", "old", null, CancellationToken.None);
        Assert.Null(old.Encryption);
        Assert.Equal(("k=v", 3L), (old.Tags, old.Size));
        Assert.Equal("pending", Assert.Single((await s.Multipart.ListMultipartUploadsAsync("b", "", null, null, null, 100, CancellationToken.None)).Uploads).Key);

        // New rows take an envelope, inline and in a blob, and an upload carries one to its object.
        foreach (var (key, size) in new[] { ("inline", 1000), ("blob", 300_000) })
        {
            var body = new byte[size];
            new Random(size).NextBytes(body);
            var put = await s.Objects.PutObjectAsync(
                new PutObjectRequest("b", key, new MemoryStream(body), body.Length, ObjectAttributes.Empty) { Encryption = EncryptionRequest.S3Managed },
                CancellationToken.None);
            Assert.Equal(ServerSideEncryption.S3ManagedKey, put.Encryption);
            await using var content = await s.Objects.OpenObjectAsync("b", key, null, CancellationToken.None);
            using var read = new MemoryStream();
            await content.CopyToAsync(read, 0, size, CancellationToken.None);
            Assert.Equal(body, read.ToArray());
        }

        var upload = await s.Multipart.CreateMultipartUploadAsync("b", "mpu", ObjectAttributes.Empty, null, CancellationToken.None, encryption: EncryptionRequest.S3Managed);
        var part = await s.Multipart.UploadPartAsync("b", "mpu", upload.UploadId, 1, new MemoryStream([1, 2, 3]), 3, null, null, CancellationToken.None);
        var done = await s.Multipart.CompleteMultipartUploadAsync("b", "mpu", upload.UploadId, [new CompletedPart(1, part.ETag)], null, CancellationToken.None);
        Assert.Equal(ServerSideEncryption.S3ManagedKey, done.Encryption);
    }

    /// <summary>A metadata database as the numbered scripts 001..<paramref name="version"/> left it, version rows included.</summary>
    [Fact]
    public async Task A_schema_9_directory_keeps_its_objects_and_takes_KMS_keys_after()
    {
        byte[] body = [4, 5, 6];
        using (var connection = AtSchema(9))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('b', 'acct-1', 'local', 0)");
            InsertInlineObject(connection, "k", body, ", is_latest", ", 1");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        Assert.Equal(body, await s.GetAsync("b", "k"));
        var ring = new Nuage.Storage.Encryption.Kms.KmsKeyRing(s.Metadata, _directory, "local");
        var key = await ring.CreateAsync("acct-1", "alias/after-upgrade", null, CancellationToken.None);
        var reopened = new Nuage.Storage.Encryption.Kms.KmsKeyRing(s.Metadata, _directory, "local");
        Assert.Equal(key.KeyId, Assert.Single(reopened.List("acct-1")).KeyId);
    }

    [Fact]
    public async Task A_schema_10_directory_keeps_its_latest_versions_delete_markers_and_usage_and_versions_after()
    {
        using (var connection = AtSchema(10))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at, versioning) VALUES ('b', 'acct-1', 'local', 0, 1)");
            // "a": two versions, v2 latest. "gone": a version under a delete marker. "only": one version.
            // Usage as schema 010's triggers counted these rows: a (3 bytes) and only (7) listed; 5 + 3 + 4 + 7 stored.
            foreach (var (key, version, latest, marker, size) in new[]
                     {
                         ("a", "v1", 0, 0, 5), ("a", "v2", 1, 0, 3), ("gone", "g1", 0, 0, 4), ("gone", "dm", 1, 1, 0), ("only", "o1", 1, 0, 7),
                     })
            {
                Execute(connection,
                    "INSERT INTO objects (bucket, key, version_id, is_latest, is_delete_marker, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data) " +
                    $"VALUES ('b', '{key}', '{version}', {latest}, {marker}, {size}, 'e', 0, 'local', 'acct-1', {(marker == 1 ? "NULL" : "0")}, {(marker == 1 ? "NULL" : $"zeroblob({size})")})");
            }

            Assert.Equal(2L, Scalar(connection, "SELECT objects FROM bucket_usage WHERE bucket = 'b'"));
        }

        await using var s = new StorageFixture(dataDirectory: _directory);

        // The latest versions are those the old flag named: GET, HEAD, the listing and ListObjectVersions agree.
        Assert.Equal("v2", (await s.Objects.HeadObjectAsync("b", "a", null, CancellationToken.None)).VersionId);
        var listed = await s.Objects.ListObjectsAsync(new ListObjectsRequest("b", "", null, null, 100), CancellationToken.None);
        Assert.Equal(["a", "only"], listed.Objects.Select(o => o.Key));
        var versions = await s.Objects.ListObjectVersionsAsync(new ListObjectVersionsRequest("b", "", null, null, null, 100), CancellationToken.None);
        Assert.Equal(
            [("a", "v2", true, false), ("a", "v1", false, false), ("gone", "dm", true, true), ("gone", "g1", false, false), ("only", "o1", true, false)],
            versions.Versions.Select(v => (v.Key, v.VersionId, v.IsLatest, v.IsDeleteMarker)));
        Assert.Equal([new("b", 2, 10, 19)], (await s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets);

        // Writes after the upgrade move the pointer and keep usage exact: a new version of "a", the delete marker of
        // "gone" removed (its older version is current again), and the only version of "only" removed.
        var next = await s.PutAsync("b", "a", new byte[10]);
        Assert.Equal(next.VersionId, (await s.Objects.HeadObjectAsync("b", "a", null, CancellationToken.None)).VersionId);
        await s.Objects.DeleteObjectAsync("b", "gone", "dm", CancellationToken.None);
        Assert.Equal("g1", (await s.Objects.HeadObjectAsync("b", "gone", null, CancellationToken.None)).VersionId);
        await s.Objects.DeleteObjectAsync("b", "only", "o1", CancellationToken.None);
        listed = await s.Objects.ListObjectsAsync(new ListObjectsRequest("b", "", null, null, 100), CancellationToken.None);
        Assert.Equal(["a", "gone"], listed.Objects.Select(o => o.Key));
        Assert.Equal([new("b", 2, 14, 22)], (await s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets);
    }

    [Fact]
    public async Task A_schema_11_directory_keeps_its_usage_exact_through_the_rewritten_usage_triggers()
    {
        using (var connection = AtSchema(11))
        {
            // "v": a versioned bucket, "a" with two versions (v2 current) and "gone" under a delete marker.
            // "u": an unversioned bucket with one null version. Usage as schema 011's triggers counted these rows.
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at, versioning) VALUES ('v', 'acct-1', 'local', 0, 1)");
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at, versioning) VALUES ('u', 'acct-1', 'local', 0, 0)");
            foreach (var (bucket, key, version, marker, size) in new[]
                     {
                         ("v", "a", "v1", 0, 5), ("v", "a", "v2", 0, 3), ("v", "gone", "g1", 0, 4), ("v", "gone", "dm", 1, 0), ("u", "n", "null", 0, 6),
                     })
            {
                Execute(connection,
                    "INSERT INTO objects (bucket, key, version_id, is_delete_marker, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data) " +
                    $"VALUES ('{bucket}', '{key}', '{version}', {marker}, {size}, 'e', 0, 'local', 'acct-1', {(marker == 1 ? "NULL" : "0")}, {(marker == 1 ? "NULL" : $"zeroblob({size})")})");
                Execute(connection,
                    "INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects " +
                    $"WHERE bucket = '{bucket}' AND key = '{key}' AND version_id = '{version}' " +
                    "ON CONFLICT (bucket, key) DO UPDATE SET seq = excluded.seq");
            }

            Assert.Equal(1L, Scalar(connection, "SELECT objects FROM bucket_usage WHERE bucket = 'v'"));
            Assert.Equal(12L, Scalar(connection, "SELECT stored_bytes FROM bucket_usage WHERE bucket = 'v'"));
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        Assert.Equal([new("u", 1, 6, 6), new("v", 1, 3, 12)], (await s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets);

        // Every trigger schema 012 rewrote: a new version moves the pointer (current_update), an overwrite of the
        // null version in place (object_update), a delete marker (current_update to a marker), a removed marker
        // (the pointer back to the older version), the last version of a key removed (current_delete), a new key
        // (current_insert).
        await s.PutAsync("v", "a", new byte[10]);
        await s.PutAsync("u", "n", new byte[2]);
        await s.Objects.DeleteObjectAsync("v", "a", null, CancellationToken.None);
        await s.Objects.DeleteObjectAsync("v", "gone", "dm", CancellationToken.None);
        await s.PutAsync("u", "fresh", new byte[8]);
        await s.Objects.DeleteObjectAsync("u", "n", null, CancellationToken.None);
        // v: "gone" (4) is listed; a has v1 5 + v2 3 + 10 and a marker; gone 4 stored. u: "fresh" (8) alone.
        Assert.Equal([new("u", 1, 8, 8), new("v", 1, 4, 22)], (await s.Metadata.ReadUsageAsync(CancellationToken.None)).Buckets);
        var listed = await s.Objects.ListObjectsAsync(new ListObjectsRequest("v", "", null, null, 100), CancellationToken.None);
        Assert.Equal(["gone"], listed.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task A_schema_14_directory_keeps_its_objects_and_takes_an_event_outbox_after()
    {
        byte[] body = [7, 8, 9];
        using (var connection = AtSchema(14))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('b', 'acct-1', 'local', 0)");
            InsertInlineObject(connection, "k", body, "", "");
            Execute(connection, "INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        Assert.Equal(body, await s.GetAsync("b", "k"));
        var later = DateTimeOffset.UtcNow.AddMinutes(1);
        await s.Metadata.WriteAsync(tx => { tx.AddOutboxEntry("arn:aws:iot:local:acct-1:topic/t", "{}"); return true; }, CancellationToken.None);
        var due = Assert.Single(await s.Metadata.ListDueOutboxEntriesAsync(later, 10, CancellationToken.None));
        Assert.Equal(("arn:aws:iot:local:acct-1:topic/t", "{}", 0), (due.Destination, due.Body, due.Attempts));
        await s.Metadata.WriteAsync(tx => { tx.DeferOutboxEntry(due.Seq, 1, later.AddMinutes(1)); return true; }, CancellationToken.None);
        Assert.Empty(await s.Metadata.ListDueOutboxEntriesAsync(later, 10, CancellationToken.None));
        Assert.Equal(1, await s.Metadata.CountOutboxEntriesAsync(CancellationToken.None));
        await s.Metadata.WriteAsync(tx => { tx.CompleteOutboxEntry(due.Seq); return true; }, CancellationToken.None);
        Assert.Equal(0, await s.Metadata.CountOutboxEntriesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_schema_20_directory_keeps_its_mqtt_sessions_and_takes_a_queue_of_messages_after()
    {
        using (var connection = AtSchema(20))
        {
            Execute(connection, "INSERT INTO mqtt_sessions (client_id, expiry_seconds, disconnected_at) VALUES ('123456789012:station', 3600, NULL)");
            Execute(connection, "INSERT INTO mqtt_subscriptions (client_id, topic_filter, qos, no_local, retain_as_published, retain_handling, identifier) " +
                "VALUES ('123456789012:station', '$nuage/123456789012/orders/#', 1, 0, 0, 0, 0)");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        var sessions = await s.Metadata.LoadMqttSessionsAsync(CancellationToken.None);
        Assert.Equal("123456789012:station", Assert.Single(sessions.Sessions).ClientId);
        Assert.Single(sessions.Subscriptions);
        var message = new MqttRetainedRow("$nuage/123456789012/orders/1", [1, 2], 1, 0, null, null, null, null, null);
        await s.Metadata.WriteAsync(tx => { tx.EnqueueMqttMessage(new MqttQueuedRow("123456789012:station", 1, message), 10); return true; }, CancellationToken.None);
        var queued = Assert.Single(await s.Metadata.ListMqttQueuedAsync(CancellationToken.None));
        Assert.Equal(("123456789012:station", 1L, "$nuage/123456789012/orders/1"), (queued.ClientId, queued.Seq, queued.Message.Topic));

        // Ending the session ends its queue.
        await s.Metadata.WriteAsync(tx => tx.DeleteMqttSession("123456789012:station"), CancellationToken.None);
        Assert.Empty(await s.Metadata.ListMqttQueuedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_schema_26_directory_keeps_its_queued_messages_unreleased_and_releases_them_after()
    {
        using (var connection = AtSchema(26))
        {
            Execute(connection, "INSERT INTO mqtt_sessions (client_id, expiry_seconds, disconnected_at) VALUES ('123456789012:valve', 3600, NULL)");
            Execute(connection, "INSERT INTO mqtt_queued (client_id, seq, topic, payload, qos, payload_format) " +
                "VALUES ('123456789012:valve', 4, '$nuage/123456789012/cmd/open', X'0102', 2, 0)");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        var queued = Assert.Single(await s.Metadata.ListMqttQueuedAsync(CancellationToken.None));
        Assert.Equal(("123456789012:valve", 4L, "$nuage/123456789012/cmd/open", (int?)null), (queued.ClientId, queued.Seq, queued.Message.Topic, queued.ReleasedPacketId));

        // Schema 028: the client's PUBREC marks it released under its packet identifier.
        Assert.True(await s.Metadata.WriteAsync(tx => tx.ReleaseMqttQueued("123456789012:valve", 4, 513), CancellationToken.None));
        Assert.Equal(513, Assert.Single(await s.Metadata.ListMqttQueuedAsync(CancellationToken.None)).ReleasedPacketId);
    }

    [Fact]
    public async Task A_schema_28_directory_keeps_its_queued_messages_unsent_and_records_their_identifier_after()
    {
        using (var connection = AtSchema(28))
        {
            Execute(connection, "INSERT INTO mqtt_sessions (client_id, expiry_seconds, disconnected_at) VALUES ('123456789012:valve', 3600, NULL)");
            Execute(connection, "INSERT INTO mqtt_queued (client_id, seq, topic, payload, qos, payload_format, released_packet_id) " +
                "VALUES ('123456789012:valve', 4, '$nuage/123456789012/cmd/open', X'0102', 2, 0, NULL), " +
                "('123456789012:valve', 5, '$nuage/123456789012/cmd/shut', X'03', 2, 0, 77)");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        Assert.Equal(
            [(4L, "$nuage/123456789012/cmd/open", (int?)null, (int?)null), (5L, "$nuage/123456789012/cmd/shut", 77, null)],
            (await s.Metadata.ListMqttQueuedAsync(CancellationToken.None)).Select(q => (q.Seq, q.Message.Topic, q.ReleasedPacketId, q.SentPacketId)));

        // Schema 029: its first PUBLISH records the packet identifier it goes under.
        Assert.True(await s.Metadata.WriteAsync(tx => tx.SendMqttQueued("123456789012:valve", 4, 1025), CancellationToken.None));
        Assert.Equal(1025, (await s.Metadata.ListMqttQueuedAsync(CancellationToken.None))[0].SentPacketId);
    }

    [Fact]
    public async Task A_schema_30_directory_keeps_its_multipart_manifests_and_is_recorded_at_31()
    {
        using (var connection = AtSchema(30))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('b', 'acct-1', 'local', 0)");
            InsertTwoPartObject(connection, "b");
            Execute(connection, "INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects");
        }

        // Schema 031 changes no row: a manifest written before it reads as it did, and none is rewritten.
        await using var s = new StorageFixture(dataDirectory: _directory);
        Assert.Equal([6_000_000L, 17L], (await s.Objects.HeadObjectAsync("b", "mp", null, CancellationToken.None)).PartSizes);
        using var after = new SqliteConnection($"Data Source={Path.Combine(_directory, "metadata.db")};Pooling=False");
        after.Open();
        using var read = after.CreateCommand();
        read.CommandText = "SELECT (SELECT MAX(version) FROM schema_version), (SELECT hex(substr(manifest, 1, 1)) FROM objects WHERE key = 'mp')";
        using var row = read.ExecuteReader();
        Assert.True(row.Read());
        Assert.InRange(row.GetInt64(0), 31L, long.MaxValue);
        Assert.Equal("01", row.GetString(1));
    }

    [Fact]
    public async Task A_schema_21_directory_keeps_its_mqtt_sessions_and_takes_delayed_wills_after()
    {
        using (var connection = AtSchema(21))
        {
            Execute(connection, "INSERT INTO mqtt_sessions (client_id, expiry_seconds, disconnected_at) VALUES ('123456789012:press', 60, NULL)");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        Assert.Equal("123456789012:press", Assert.Single((await s.Metadata.LoadMqttSessionsAsync(CancellationToken.None)).Sessions).ClientId);
        Assert.Empty(await s.Metadata.ListMqttWillsAsync(CancellationToken.None));
        var due = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        await s.Metadata.WriteAsync(tx => { tx.PutMqttWill(new MqttWillRow("123456789012:press", [1, 2, 3], due)); return true; }, CancellationToken.None);
        var will = Assert.Single(await s.Metadata.ListMqttWillsAsync(CancellationToken.None));
        Assert.Equal(("123456789012:press", "010203", (DateTimeOffset?)due), (will.ClientId, Convert.ToHexString(will.Will), will.DueAt));
    }

    [Fact]
    public async Task A_schema_18_directory_keeps_its_objects_and_takes_a_replication_outbox_and_statuses_after()
    {
        byte[] body = [4, 5, 6];
        using (var connection = AtSchema(18))
        {
            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('b', 'acct-1', 'local', 0)");
            InsertInlineObject(connection, "k", body, "", "");
            Execute(connection, "INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        Assert.Equal(body, await s.GetAsync("b", "k"));
        var committed = DateTimeOffset.UtcNow;
        await s.Metadata.WriteAsync(
            tx =>
            {
                tx.AddReplicationEntry("b", "k", "null", "r1", "dst", false, 3, committed);
                tx.AddReplicationEntry("b", "k", "null", "r2", "dst2", false, 3, committed);
                tx.AddReplicationEntry("b", "other", "v", "r1", "dst", true, 0, committed);
                tx.SetReplicationStatus("b", "k", "null", "PENDING");
                return true;
            },
            CancellationToken.None);

        // One row per key is due at a time, the oldest: the second rule's row of "k" waits behind the first.
        var due = await s.Metadata.ListDueReplicationEntriesAsync(committed.AddMinutes(1), 10, CancellationToken.None);
        Assert.Equal([("k", "r1"), ("other", "r1")], due.Select(e => (e.Key, e.RuleId)));
        Assert.Equal("PENDING", await s.Metadata.GetReplicationStatusAsync("b", "k", "null", CancellationToken.None));
        var backlog = await s.Metadata.ReadReplicationBacklogAsync(CancellationToken.None);
        Assert.Equal((2L, 3L), (backlog.Single(b => b.RuleId == "r1").Objects, backlog.Single(b => b.RuleId == "r1").Bytes));

        await s.Metadata.WriteAsync(tx => { tx.DeferReplicationEntry(due[0].Seq, 1, committed.AddMinutes(5), "down"); return true; }, CancellationToken.None);
        Assert.Equal(["other"], (await s.Metadata.ListDueReplicationEntriesAsync(committed.AddMinutes(1), 10, CancellationToken.None)).Select(e => e.Key));
        await s.Metadata.WriteAsync(tx => { tx.CompleteReplicationEntry(due[0].Seq); return tx.HasReplicationEntries("b", "k", "null"); }, CancellationToken.None);
        Assert.Equal(["k", "other"], (await s.Metadata.ListDueReplicationEntriesAsync(committed.AddMinutes(1), 10, CancellationToken.None)).Select(e => e.Key));

        // A status leaves with its version.
        await s.Metadata.WriteAsync(tx => { tx.DeleteObjectVersion("b", "k", "null"); return true; }, CancellationToken.None);
        Assert.Null(await s.Metadata.GetReplicationStatusAsync("b", "k", "null", CancellationToken.None));
    }

    [Fact]
    public async Task A_schema_21_directory_keeps_its_replication_rows_as_version_rows_and_takes_metadata_changes_after()
    {
        using (var connection = AtSchema(21))
        {
            Execute(connection,
                "INSERT INTO replication_outbox (bucket, key, version_id, rule_id, destination_bucket, is_delete_marker, size, created_at, next_attempt_at) " +
                "VALUES ('b', 'k', 'v1', 'r1', 'dst', 0, 3, 0, 0)");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        var earlier = Assert.Single(await s.Metadata.ListDueReplicationEntriesAsync(DateTimeOffset.UtcNow, 10, CancellationToken.None));
        Assert.Equal(("k", "v1", 3L, false), (earlier.Key, earlier.VersionId, earlier.Size, earlier.MetadataOnly));

        await s.Metadata.WriteAsync(
            tx => { tx.CompleteReplicationEntry(earlier.Seq); tx.AddReplicationMetadataEntry("b", "k", "v1", "r1", "dst", DateTimeOffset.UtcNow); return true; },
            CancellationToken.None);
        var change = Assert.Single(await s.Metadata.ListDueReplicationEntriesAsync(DateTimeOffset.UtcNow.AddSeconds(1), 10, CancellationToken.None));
        Assert.Equal(("k", "v1", 0L, true), (change.Key, change.VersionId, change.Size, change.MetadataOnly));
    }

    [Fact]
    public async Task A_schema_26_directory_keeps_its_replication_statuses_unstamped_and_stamps_them_after()
    {
        using (var connection = AtSchema(26))
        {
            Execute(connection, "INSERT INTO replication_status (bucket, key, version_id, status) VALUES ('b', 'k', 'v1', 'REPLICA')");
        }

        await using var s = new StorageFixture(dataDirectory: _directory);
        Assert.Equal("REPLICA", await s.Metadata.GetReplicationStatusAsync("b", "k", "v1", CancellationToken.None));
        Assert.Null(await s.Metadata.GetReplicationMetadataStampAsync("b", "k", "v1", CancellationToken.None));

        // Schema 027: the version's last replicating metadata change is stamped on its status row.
        var stamp = new ReplicationMetadataStamp(DateTimeOffset.UtcNow.UtcTicks, "paris");
        Assert.True(await s.Metadata.WriteAsync(tx => tx.SetReplicationMetadataStamp("b", "k", "v1", stamp), CancellationToken.None));
        Assert.Equal(stamp, await s.Metadata.GetReplicationMetadataStampAsync("b", "k", "v1", CancellationToken.None));
    }

    /// <summary>A null version of bucket "b" with <paramref name="body"/> inline and its checksum, plus any columns of the schema at hand.</summary>
    private static void InsertInlineObject(SqliteConnection connection, string key, byte[] body, string extraColumns, string extraValues)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText =
            $"INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, inline_checksum, inline_data{extraColumns}) " +
            $"VALUES ('b', $key, 'null', $size, $etag, 0, 'local', 'acct-1', $checksum, $data{extraValues})";
        insert.Parameters.AddWithValue("$key", key);
        insert.Parameters.AddWithValue("$size", body.Length);
        insert.Parameters.AddWithValue("$etag", StorageFixture.Md5Hex(body));
        insert.Parameters.AddWithValue("$checksum", unchecked((long)BlockChecksum.Compute(body, 0)));
        insert.Parameters.AddWithValue("$data", body);
        insert.ExecuteNonQuery();
    }

    private SqliteConnection AtSchema(int version)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "metadata.db")};Pooling=False");
        connection.Open();
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        // Every numbered script the store embeds, in order (their names start with the three-digit version).
        const string Prefix = "Nuage.Metadata.Sqlite.Schema.";
        string[] scripts = typeof(SqliteMetadataStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToArray();
        // A number may be missing (the migrator tolerates gaps): each script is applied under its own number.
        foreach (var script in scripts)
        {
            var number = int.Parse(script.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture);
            if (number <= version)
            {
                Execute(connection, Script(script));
                Execute(connection, $"INSERT INTO schema_version (version) VALUES ({number})");
            }
        }

        return connection;
    }

    private static string Script(string name)
    {
        using var stream = typeof(SqliteMetadataStore).Assembly.GetManifestResourceStream("Nuage.Metadata.Sqlite.Schema." + name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A multipart object "mp" of two parts (6,000,000 and 17 bytes) as schema 1 stored it: manifest format 1 is a
    /// version byte, then per segment a 16-byte blob id and a little-endian 64-bit length. Its blobs are not needed for a HEAD.
    /// </summary>
    private static void InsertTwoPartObject(SqliteConnection connection, string bucket)
    {
        var manifest = new byte[1 + (2 * 24)];
        manifest[0] = 1;
        WriteSegment(manifest.AsSpan(1, 24), 6_000_000);
        WriteSegment(manifest.AsSpan(25, 24), 17);
        using var multipart = connection.CreateCommand();
        multipart.CommandText =
            "INSERT INTO objects (bucket, key, version_id, size, etag, last_modified, origin_region, owner, parts_count, manifest) " +
            "VALUES ($bucket, 'mp', 'null', 6000017, 'abc-2', 0, 'local', 'acct-1', 2, $manifest)";
        multipart.Parameters.AddWithValue("$bucket", bucket);
        multipart.Parameters.AddWithValue("$manifest", manifest);
        multipart.ExecuteNonQuery();
    }

    private static void WriteSegment(Span<byte> slot, long length)
    {
        Guid.NewGuid().TryWriteBytes(slot[..16]);
        BinaryPrimitives.WriteInt64LittleEndian(slot[16..], length);
    }

    private static string Schema1()
    {
        using var stream = typeof(SqliteMetadataStore).Assembly.GetManifestResourceStream("Nuage.Metadata.Sqlite.Schema.001_initial.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
