using Microsoft.Data.Sqlite;
using Npgsql;
using Nuage.Blobs;
using Nuage.Metadata.Postgres;
using Nuage.Storage.Encryption;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests;

/// <summary>
/// Server-side encryption at the storage service: authenticated blocks (a changed or reordered block is corruption,
/// even when the stored checksums were recomputed to match), keys that do not open an envelope, and plaintext sizes.
/// </summary>
public abstract class EncryptionTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Bucket = "sse-bucket";

    private readonly StorageFixture _s = new(engine: engine);

    public Task InitializeAsync() => _s.CreateBucketAsync(Bucket);

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task A_changed_inline_byte_fails_authentication_even_with_a_matching_checksum()
    {
        var body = StorageFixture.RandomBytes(5000);
        await PutAsync("k", body, EncryptionRequest.S3Managed);
        RewriteInline("k", stored => stored[100] ^= 1);

        var error = await Assert.ThrowsAsync<StorageException>(() => _s.GetAsync(Bucket, "k"));
        Assert.Equal(StorageErrorCode.DataCorrupted, error.Code);
    }

    [Fact]
    public async Task Swapped_blocks_fail_authentication_even_with_a_matching_checksum()
    {
        // Two full 64 KiB blocks, still inline (the threshold is 128 KiB): the swap keeps every byte, only the order changes.
        var body = StorageFixture.RandomBytes(128 * 1024);
        await PutAsync("k", body, EncryptionRequest.S3Managed);
        RewriteInline("k", stored =>
        {
            int block = (64 * 1024) + 16;
            var first = stored.AsSpan(0, block).ToArray();
            stored.AsSpan(block, block).CopyTo(stored);
            first.CopyTo(stored.AsSpan(block));
        });

        var error = await Assert.ThrowsAsync<StorageException>(() => _s.GetAsync(Bucket, "k"));
        Assert.Equal(StorageErrorCode.DataCorrupted, error.Code);
    }

    [Fact]
    public async Task Another_master_key_opens_nothing_and_serves_no_wrong_bytes()
    {
        await PutAsync("blob", StorageFixture.RandomBytes(300_000), EncryptionRequest.S3Managed);
        var elsewhere = Path.Combine(_s.DataDirectory, "other-key");
        var other = new ObjectService(_s.Metadata, _s.Blobs, _s.Options, keys: new EncryptionKeys(elsewhere));

        var error = await Assert.ThrowsAsync<StorageException>(() => other.OpenObjectAsync(Bucket, "blob", null, CancellationToken.None));
        Assert.Equal(StorageErrorCode.DataCorrupted, error.Code);
    }

    [Fact]
    public async Task Sizes_ETags_and_part_sizes_are_the_plaintexts()
    {
        var body = StorageFixture.RandomBytes(200_000);
        var put = await PutAsync("k", body, EncryptionRequest.S3Managed);
        Assert.Equal((200_000L, StorageFixture.Md5Hex(body)), (put.Size, put.ETag));
        Assert.Equal(body, await _s.GetAsync(Bucket, "k"));
        Assert.Equal(body.AsSpan(70_000, 100_000).ToArray(), await _s.GetAsync(Bucket, "k", 70_000, 100_000));

        var upload = await _s.Multipart.CreateMultipartUploadAsync(Bucket, "mpu", ObjectAttributes.Empty, null, CancellationToken.None, encryption: EncryptionRequest.S3Managed);
        var parts = new[] { StorageFixture.RandomBytes(5 * 1024 * 1024, 2), StorageFixture.RandomBytes(1000, 3) };
        var done = new List<CompletedPart>();
        for (int i = 0; i < parts.Length; i++)
        {
            var part = await _s.Multipart.UploadPartAsync(Bucket, "mpu", upload.UploadId, i + 1, new MemoryStream(parts[i]), parts[i].Length, null, null, CancellationToken.None);
            Assert.Equal(parts[i].Length, part.Size);
            done.Add(new CompletedPart(i + 1, part.ETag));
        }

        var info = await _s.Multipart.CompleteMultipartUploadAsync(Bucket, "mpu", upload.UploadId, done, null, CancellationToken.None);
        Assert.Equal([5L * 1024 * 1024, 1000L], info.PartSizes);
        Assert.Equal(parts[1], await _s.GetAsync(Bucket, "mpu", 5 * 1024 * 1024, 1000));
    }

    [Fact]
    public async Task A_customer_key_is_needed_checked_and_refused_where_it_does_not_apply()
    {
        var key = new CustomerKey(StorageFixture.RandomBytes(32, 7));
        await PutAsync("c", StorageFixture.RandomBytes(1000), EncryptionRequest.Customer(key));
        await PutAsync("s3", StorageFixture.RandomBytes(1000), EncryptionRequest.S3Managed);

        var missing = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.OpenObjectAsync(Bucket, "c", null, CancellationToken.None));
        Assert.Equal(StorageErrorCode.InvalidRequest, missing.Code);
        var wrong = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.HeadObjectAsync(Bucket, "c", null, new CustomerKey(StorageFixture.RandomBytes(32, 8)), CancellationToken.None));
        Assert.Equal(StorageErrorCode.WrongCustomerKey, wrong.Code);
        var notApplicable = await Assert.ThrowsAsync<StorageException>(() => _s.Objects.HeadObjectAsync(Bucket, "s3", null, key, CancellationToken.None));
        Assert.Equal(StorageErrorCode.InvalidRequest, notApplicable.Code);
        Assert.Equal(ServerSideEncryption.CustomerKey, (await _s.Objects.HeadObjectAsync(Bucket, "c", null, key, CancellationToken.None)).Encryption);

        // The metadata-only read (tagging, ACLs, authorization) needs no key, as in S3.
        Assert.Equal(ServerSideEncryption.CustomerKey, (await _s.Objects.HeadObjectAsync(Bucket, "c", null, CancellationToken.None)).Encryption);
    }

    private Task<ObjectInfo> PutAsync(string key, byte[] body, EncryptionRequest encryption) =>
        _s.Objects.PutObjectAsync(
            new PutObjectRequest(Bucket, key, new MemoryStream(body), body.Length, ObjectAttributes.Empty) { Encryption = encryption },
            CancellationToken.None);

    /// <summary>Changes an inline row's stored bytes and recomputes its checksum, as an attacker with the database could.</summary>
    private void RewriteInline(string key, Action<byte[]> change)
    {
        if (engine != MetadataEngine.Sqlite)
        {
            RewriteInlineOnPostgres(key, change);
            return;
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_s.DataDirectory, "metadata.db")};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT inline_data FROM objects WHERE bucket = $b AND key = $k";
        read.Parameters.AddWithValue("$k", key);
        read.Parameters.AddWithValue("$b", Bucket);
        var stored = (byte[])read.ExecuteScalar()!;
        change(stored);
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE objects SET inline_data = $d, inline_checksum = $c WHERE bucket = $b AND key = $k";
        write.Parameters.AddWithValue("$d", stored);
        write.Parameters.AddWithValue("$c", unchecked((long)BlockChecksum.Compute(stored, 0)));
        write.Parameters.AddWithValue("$k", key);
        write.Parameters.AddWithValue("$b", Bucket);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    // The same tampering on PostgreSQL, where keys are stored as their UTF-8 bytes (BYTEA).
    private void RewriteInlineOnPostgres(string key, Action<byte[]> change)
    {
        using var connection = new NpgsqlConnection(PostgresUrl.Parse(engine.ServerOption(_s.DataDirectory)!).ConnectionString);
        connection.Open();
        using var read = new NpgsqlCommand("SELECT inline_data FROM objects WHERE bucket = $1 AND key = $2", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = Bucket });
        read.Parameters.Add(new NpgsqlParameter { Value = System.Text.Encoding.UTF8.GetBytes(key) });
        var stored = (byte[])read.ExecuteScalar()!;
        change(stored);
        using var write = new NpgsqlCommand("UPDATE objects SET inline_data = $1, inline_checksum = $2 WHERE bucket = $3 AND key = $4", connection);
        write.Parameters.Add(new NpgsqlParameter { Value = stored });
        write.Parameters.Add(new NpgsqlParameter { Value = unchecked((long)BlockChecksum.Compute(stored, 0)) });
        write.Parameters.Add(new NpgsqlParameter { Value = Bucket });
        write.Parameters.Add(new NpgsqlParameter { Value = System.Text.Encoding.UTF8.GetBytes(key) });
        Assert.Equal(1, write.ExecuteNonQuery());
    }
}

public sealed class EncryptionTestsOnSqlite() : EncryptionTests(MetadataEngine.Sqlite);

public sealed class EncryptionTestsOnPostgres() : EncryptionTests(MetadataEngine.Postgres);
