namespace Nuage.Storage.Tests;

using System.IO.Hashing;
using System.Security.Cryptography;
using Nuage.Storage.Objects;
using Nuage.Testing;

public abstract class ObjectTests(MetadataEngine engine) : IAsyncLifetime
{
    private readonly StorageFixture _s = new(engine: engine);

    public Task InitializeAsync() => _s.CreateBucketAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Small_put_is_inline_and_round_trips()
    {
        var body = StorageFixture.RandomBytes(4096);
        var info = await _s.PutAsync("bucket-1", "small.bin", body, attributes: ObjectAttributes.Empty with { ContentType = "application/x-test" });

        Assert.Equal(StorageFixture.Md5Hex(body), info.ETag);
        Assert.Equal("null", info.VersionId);
        Assert.Empty(_s.BlobFiles());
        Assert.Equal(body, await _s.GetAsync("bucket-1", "small.bin"));
        var head = await _s.Objects.HeadObjectAsync("bucket-1", "small.bin", null, CancellationToken.None);
        Assert.Equal("application/x-test", head.Attributes.ContentType);
        Assert.Equal(4096, head.Size);
    }

    [Fact]
    public async Task Body_of_exactly_the_threshold_without_length_stays_inline()
    {
        var body = StorageFixture.RandomBytes(_s.Options.InlineThreshold);
        await _s.PutAsync("bucket-1", "edge", body, contentLength: null);

        Assert.Empty(_s.BlobFiles());
        Assert.Equal(body, await _s.GetAsync("bucket-1", "edge"));
    }

    [Fact]
    public async Task Large_put_goes_to_one_blob_and_ranges_cross_block_boundaries()
    {
        var body = StorageFixture.RandomBytes((3 * 65528) + 1234, seed: 7);
        var info = await _s.PutAsync("bucket-1", "big.bin", body, contentLength: null);

        Assert.Equal(StorageFixture.Md5Hex(body), info.ETag);
        Assert.Single(_s.BlobFiles());
        Assert.Equal(body, await _s.GetAsync("bucket-1", "big.bin"));
        foreach (var (offset, length) in new[] { (65520L, 20L), (65528L, 1L), (0L, 1L), (131050L, 60000L), (body.Length - 5L, 5L), (1L, body.Length - 2L) })
        {
            Assert.Equal(body.AsSpan((int)offset, (int)length).ToArray(), await _s.GetAsync("bucket-1", "big.bin", offset, length));
        }
    }

    [Fact]
    public async Task Overwrite_last_commit_wins_and_collector_reclaims_old_blob()
    {
        var first = StorageFixture.RandomBytes(300_000, seed: 1);
        var second = StorageFixture.RandomBytes(200_000, seed: 2);
        await _s.PutAsync("bucket-1", "k", first);
        var oldBlob = Assert.Single(_s.BlobFiles());
        await _s.PutAsync("bucket-1", "k", second);

        Assert.Equal(second, await _s.GetAsync("bucket-1", "k"));
        Assert.Equal(2, _s.BlobFiles().Count());
        var result = await _s.Collector.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.BlobsDeleted);
        Assert.False(File.Exists(oldBlob));
        Assert.Single(_s.BlobFiles());
        Assert.Equal(second, await _s.GetAsync("bucket-1", "k"));
    }

    [Fact]
    public async Task Reader_that_opened_before_an_overwrite_keeps_the_old_bytes()
    {
        var first = StorageFixture.RandomBytes(300_000, seed: 1);
        await _s.PutAsync("bucket-1", "k", first);
        await using var content = await _s.Objects.OpenObjectAsync("bucket-1", "k", null, CancellationToken.None);
        await _s.PutAsync("bucket-1", "k", StorageFixture.RandomBytes(300_000, seed: 2));
        await _s.Collector.RunOnceAsync(CancellationToken.None);

        var output = new MemoryStream();
        await content.CopyToAsync(output, 0, content.Info.Size, CancellationToken.None);
        Assert.Equal(first, output.ToArray());
    }

    [Fact]
    public async Task Delete_removes_object_and_reclaims_blob()
    {
        await _s.PutAsync("bucket-1", "gone", StorageFixture.RandomBytes(200_000));
        await _s.Objects.DeleteObjectAsync("bucket-1", "gone", null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.HeadObjectAsync("bucket-1", "gone", null, CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchKey, ex.Code);
        await _s.Objects.DeleteObjectAsync("bucket-1", "gone", null, CancellationToken.None);
        await _s.Collector.RunOnceAsync(CancellationToken.None);
        Assert.Empty(_s.BlobFiles());
    }

    [Fact]
    public async Task Missing_bucket_and_bad_keys_are_reported()
    {
        var noBucket = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync("nope", "k", [1]));
        Assert.Equal(StorageErrorCode.NoSuchBucket, noBucket.Code);
        var tooLong = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync("bucket-1", new string('é', 513), [1]));
        Assert.Equal(StorageErrorCode.KeyTooLong, tooLong.Code);
        await _s.PutAsync("bucket-1", new string('é', 512), [1]);
        var empty = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync("bucket-1", "", [1]));
        Assert.Equal(StorageErrorCode.InvalidKey, empty.Code);
        var surrogate = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync("bucket-1", "a\uD800b", [1]));
        Assert.Equal(StorageErrorCode.InvalidKey, surrogate.Code);
    }

    [Fact]
    public async Task Path_like_keys_are_only_keys()
    {
        var body = StorageFixture.RandomBytes(200_000);
        await _s.PutAsync("bucket-1", "../../etc/passwd", body);
        await _s.PutAsync("bucket-1", "/abs/path", [1, 2, 3]);

        Assert.Equal(body, await _s.GetAsync("bucket-1", "../../etc/passwd"));
        string parent = Path.GetDirectoryName(_s.DataDirectory)!;
        Assert.False(File.Exists(Path.Combine(parent, "etc", "passwd")));
        Assert.False(File.Exists(Path.Combine(_s.DataDirectory, "etc", "passwd")));
        Assert.All(Directory.EnumerateFiles(_s.DataDirectory, "*", SearchOption.AllDirectories),
            f => Assert.DoesNotContain("passwd", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Body_that_throws_midway_commits_nothing_and_leaves_no_temp_file()
    {
        var body = StorageFixture.RandomBytes(500_000);
        var ex = await Assert.ThrowsAsync<IOException>(() => _s.PutAsync("bucket-1", "broken", body, new ThrowingStream(body, 300_000)));

        Assert.Equal("client went away", ex.Message);
        Assert.Empty(_s.TemporaryFiles());
        Assert.Empty(_s.BlobFiles());
        var missing = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.HeadObjectAsync("bucket-1", "broken", null, CancellationToken.None));
        Assert.Equal(StorageErrorCode.NoSuchKey, missing.Code);
        Assert.Equal(0, _s.Metadata.Statistics.Writes - 1); // only the bucket creation was written
    }

    [Fact]
    public async Task Short_body_is_IncompleteBody_and_oversize_is_EntityTooLarge()
    {
        var body = StorageFixture.RandomBytes(1000);
        var incomplete = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync("bucket-1", "k", body, contentLength: 2000));
        Assert.Equal(StorageErrorCode.IncompleteBody, incomplete.Code);

        await using var small = new StorageFixture(o => o with { MaxObjectSize = 300_000 }, engine: engine);
        await small.CreateBucketAsync();
        var big = StorageFixture.RandomBytes(400_000);
        var tooLarge = await Assert.ThrowsAsync<StorageException>(() => small.PutAsync("bucket-1", "k", big, contentLength: null));
        Assert.Equal(StorageErrorCode.EntityTooLarge, tooLarge.Code);
        Assert.Empty(small.TemporaryFiles());
    }

    [Fact]
    public async Task Content_md5_and_checksums_are_verified()
    {
        var body = StorageFixture.RandomBytes(10_000);
        var bad = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync("bucket-1", "k", body, contentMd5: new byte[16]));
        Assert.Equal(StorageErrorCode.BadDigest, bad.Code);
        await _s.PutAsync("bucket-1", "k", body, contentMd5: MD5.HashData(body));

        string crc32c = Convert.ToBase64String(BitConverter.GetBytes(Crc32.HashToUInt32(body)).Reverse().ToArray());
        var info = await _s.PutAsync("bucket-1", "crc", body, checksum: new ChecksumInput(ChecksumAlgorithm.Crc32, () => crc32c));
        Assert.Equal(crc32c, info.Checksum!.Value);

        string sha = Convert.ToBase64String(SHA256.HashData(body));
        await _s.PutAsync("bucket-1", "sha", body, checksum: new ChecksumInput(ChecksumAlgorithm.Sha256, () => sha));
        var mismatch = await Assert.ThrowsAsync<StorageException>(() =>
            _s.PutAsync("bucket-1", "sha", body, checksum: new ChecksumInput(ChecksumAlgorithm.Sha256, () => crc32c)));
        Assert.Equal(StorageErrorCode.ChecksumMismatch, mismatch.Code);

        // Check values of the CRC32C and CRC64/NVME parameter sets ("123456789").
        var check = "123456789"u8.ToArray();
        var c = await _s.PutAsync("bucket-1", "c", check, checksum: new ChecksumInput(ChecksumAlgorithm.Crc32C, () => null));
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString("E3069283")), c.Checksum!.Value);
        var n = await _s.PutAsync("bucket-1", "n", check, checksum: new ChecksumInput(ChecksumAlgorithm.Crc64Nvme, () => null));
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString("AE8B14860A799888")), n.Checksum!.Value);
    }

    [Fact]
    public async Task Conditional_writes_are_decided_in_the_commit()
    {
        var first = await _s.PutAsync("bucket-1", "c", [1], condition: new WriteCondition(null, true));
        var exists = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync("bucket-1", "c", [2], condition: new WriteCondition(null, true)));
        Assert.Equal(StorageErrorCode.PreconditionFailed, exists.Code);
        var wrong = await Assert.ThrowsAsync<StorageException>(() => _s.PutAsync("bucket-1", "c", [2], condition: new WriteCondition("abc", false)));
        Assert.Equal(StorageErrorCode.PreconditionFailed, wrong.Code);
        await _s.PutAsync("bucket-1", "c", [3], condition: new WriteCondition(first.ETag, false));
        Assert.Equal(new byte[] { 3 }, await _s.GetAsync("bucket-1", "c"));
    }

    [Fact]
    public async Task Corrupted_blob_byte_is_DataCorrupted_not_wrong_bytes()
    {
        var body = StorageFixture.RandomBytes(600_000);
        await _s.PutAsync("bucket-1", "rot", body);
        string file = Assert.Single(_s.BlobFiles());
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 500_000;
            int b = stream.ReadByte();
            stream.Position = 500_000;
            stream.WriteByte((byte)(b ^ 0x01));
        }

        var ex = await Assert.ThrowsAsync<StorageException>(() => _s.GetAsync("bucket-1", "rot"));
        Assert.Equal(StorageErrorCode.DataCorrupted, ex.Code);

        // Chunks (4 blocks) before the damaged one are still served; the damaged chunk never is.
        Assert.Equal(body.AsSpan(0, 1000).ToArray(), await _s.GetAsync("bucket-1", "rot", 0, 1000));
    }

    [Fact]
    public async Task Copy_streams_bytes_and_applies_directive_and_conditions()
    {
        var body = StorageFixture.RandomBytes(250_000);
        var source = await _s.PutAsync("bucket-1", "src", body, attributes: ObjectAttributes.Empty with { ContentType = "a/b" });
        var copy = await _s.Objects.CopyObjectAsync(
            new CopyObjectRequest("bucket-1", "src", null, "bucket-1", "dst", null, ReadConditions.None), CancellationToken.None);

        Assert.Equal(source.ETag, copy.ETag);
        Assert.Equal("a/b", copy.Attributes.ContentType);
        Assert.Equal(body, await _s.GetAsync("bucket-1", "dst"));

        var replaced = await _s.Objects.CopyObjectAsync(
            new CopyObjectRequest("bucket-1", "src", null, "bucket-1", "dst2", ObjectAttributes.Empty with { ContentType = "c/d" },
                new ReadConditions(source.ETag, null, null, DateTimeOffset.UtcNow.AddDays(-1))), CancellationToken.None);
        Assert.Equal("c/d", replaced.Attributes.ContentType);

        var failed = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.CopyObjectAsync(
            new CopyObjectRequest("bucket-1", "src", null, "bucket-1", "dst3", null,
                new ReadConditions(null, source.ETag, DateTimeOffset.UtcNow.AddDays(-1), null)), CancellationToken.None));
        Assert.Equal(StorageErrorCode.PreconditionFailed, failed.Code);

        var self = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.CopyObjectAsync(
            new CopyObjectRequest("bucket-1", "src", null, "bucket-1", "src", null, ReadConditions.None), CancellationToken.None));
        Assert.Equal(StorageErrorCode.InvalidRequest, self.Code);
    }

    [Fact]
    public async Task Concurrent_writers_share_commits()
    {
        var before = _s.Metadata.Statistics;
        const int writers = 64;
        var tasks = new Task[writers];
        for (int i = 0; i < writers; i++)
        {
            int n = i;
            tasks[i] = Task.Run(() => _s.PutAsync("bucket-1", "c/" + n, StorageFixture.RandomBytes(4096, n)));
        }

        await Task.WhenAll(tasks);
        var after = _s.Metadata.Statistics;
        Assert.Equal(writers, after.Writes - before.Writes);
        Assert.True(after.Commits - before.Commits < writers, $"{after.Commits - before.Commits} commits for {writers} writers");
        for (int i = 0; i < writers; i++)
        {
            Assert.Equal(StorageFixture.RandomBytes(4096, i), await _s.GetAsync("bucket-1", "c/" + i));
        }
    }

    [Fact]
    public async Task Data_survives_reopening_the_store()
    {
        var body = StorageFixture.RandomBytes(200_000);
        await _s.PutAsync("bucket-1", "persist", body);
        await _s.PutAsync("bucket-1", "persist-small", [9, 9]);
        await _s.Metadata.DisposeAsync();

        await using var reopened = new StorageFixture(dataDirectory: _s.DataDirectory, engine: engine);
        Assert.Equal(body, await reopened.GetAsync("bucket-1", "persist"));
        Assert.Equal(new byte[] { 9, 9 }, await reopened.GetAsync("bucket-1", "persist-small"));
    }
}

public sealed class ObjectTestsOnSqlite() : ObjectTests(MetadataEngine.Sqlite);

public sealed class ObjectTestsOnPostgres() : ObjectTests(MetadataEngine.Postgres);
