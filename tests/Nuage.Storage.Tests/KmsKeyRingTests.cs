using Nuage.Metadata;
using Nuage.Storage.Encryption;
using Nuage.Storage.Encryption.Kms;
using Nuage.Storage.Objects;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests;

/// <summary>
/// The SSE-KMS key store and envelopes at the storage service: keys and their rotated materials survive a restart,
/// aliases follow AWS KMS's rules, a disabled key encrypts and decrypts nothing, the default key is created once,
/// and an envelope whose key, material version or encryption context was altered does not open.
/// </summary>
public abstract class KmsKeyRingTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Bucket = "kms-bucket";
    private const string Account = "111122223333";

    private readonly StorageFixture _s = new(engine: engine);
    private KmsKeyRing _ring = null!;
    private ObjectService _objects = null!;

    public async Task InitializeAsync()
    {
        await _s.CreateBucketAsync(Bucket);
        (_ring, _objects) = Open(_s.Metadata);
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Keys_and_every_rotated_material_survive_a_restart_and_old_objects_still_decrypt()
    {
        var key = await _ring.CreateAsync(Account, "alias/records", "records", CancellationToken.None);
        await PutAsync("v1", [1, 2, 3], key);
        await _ring.RotateAsync(Account, "alias/records", CancellationToken.None);
        await PutAsync("v2", [4, 5, 6], key);

        // A second ring and service over the same store stand for the restarted process.
        var (ring, objects) = Open(_s.Metadata);
        var reloaded = Assert.Single(ring.List(Account));
        Assert.Equal((key.KeyId, "alias/records", 2), (reloaded.KeyId, reloaded.Alias, reloaded.MaterialVersions));
        Assert.Equal(new byte[] { 1, 2, 3 }, await ReadAsync(objects, "v1"));
        Assert.Equal(new byte[] { 4, 5, 6 }, await ReadAsync(objects, "v2"));
        Assert.Equal(key.Arn, (await objects.HeadObjectAsync(Bucket, "v2", null, CancellationToken.None)).Kms!.KeyArn);
    }

    [Theory]
    [InlineData("no-prefix")]
    [InlineData("alias/")]
    [InlineData("alias/aws/reserved")]
    [InlineData("alias/spaces not allowed")]
    public async Task Aliases_outside_AWS_KMS_rules_are_refused(string alias)
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _ring.CreateAsync(Account, alias, null, CancellationToken.None));
        Assert.Equal(StorageErrorCode.InvalidArgument, error.Code);
        Assert.Empty(_ring.List(Account));
    }

    [Fact]
    public async Task An_alias_names_one_key_per_account_and_references_of_another_account_find_nothing()
    {
        var mine = await _ring.CreateAsync(Account, "alias/shared-name", null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<StorageException>(() => _ring.CreateAsync(Account, "alias/shared-name", null, CancellationToken.None));
        Assert.Equal(StorageErrorCode.InvalidArgument, error.Code);
        var theirs = await _ring.CreateAsync("444455556666", "alias/shared-name", null, CancellationToken.None);

        Assert.Equal(mine.KeyId, _ring.Find(Account, "alias/shared-name").KeyId);
        Assert.Equal(mine.KeyId, _ring.Find(Account, mine.Arn).KeyId);
        Assert.Equal(StorageErrorCode.KmsKeyNotFound, Assert.Throws<StorageException>(() => _ring.Find(Account, theirs.Arn)).Code);
        Assert.Equal(StorageErrorCode.KmsKeyNotFound, Assert.Throws<StorageException>(() => _ring.Find(Account, theirs.KeyId)).Code);
    }

    [Fact]
    public async Task A_disabled_key_neither_encrypts_nor_decrypts_until_enabled()
    {
        var key = await _ring.CreateAsync(Account, null, null, CancellationToken.None);
        await PutAsync("k", [9], key);
        await _ring.SetEnabledAsync(Account, key.KeyId, enabled: false, CancellationToken.None);

        Assert.Equal(StorageErrorCode.KmsKeyDisabled, (await Assert.ThrowsAsync<StorageException>(() => ReadAsync(_objects, "k"))).Code);
        Assert.Equal(StorageErrorCode.KmsKeyDisabled, (await Assert.ThrowsAsync<StorageException>(() => PutAsync("k2", [1], key))).Code);
        Assert.Equal(StorageErrorCode.KmsKeyDisabled, (await Assert.ThrowsAsync<StorageException>(() => _ring.ResolveForEncryptionAsync(Account, key.KeyId, CancellationToken.None))).Code);

        await _ring.SetEnabledAsync(Account, key.Arn, enabled: true, CancellationToken.None);
        Assert.Equal(new byte[] { 9 }, await ReadAsync(_objects, "k"));
    }

    [Fact]
    public async Task The_default_key_is_created_once_however_many_writers_ask_at_once()
    {
        // Loaded first, as the server's hosted service does before anything is served: a ring used unloaded loads
        // itself synchronously, and 16 pool threads blocked on that one load starved the pool that its PostgreSQL
        // connect needed (a 5 s connect timeout, once, on a loaded machine).
        await _ring.LoadAsync(CancellationToken.None);
        var keys = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _ring.ResolveForEncryptionAsync(Account, null, CancellationToken.None))));
        Assert.Single(keys.Select(k => k.KeyId).Distinct());
        var only = Assert.Single(_ring.List(Account));
        Assert.Equal((KmsKeyRing.DefaultAlias, true), (only.Alias, only.AwsManaged));
    }

    [Theory]
    [InlineData("context")]
    [InlineData("arn")]
    [InlineData("version")]
    public async Task An_envelope_whose_context_key_or_material_version_was_altered_does_not_open(string field)
    {
        var key = await _ring.CreateAsync(Account, null, null, CancellationToken.None);
        await _ring.RotateAsync(Account, key.KeyId, CancellationToken.None);
        await PutAsync("k", [1, 2, 3], key);
        var other = await _ring.CreateAsync(Account, null, null, CancellationToken.None);
        await _ring.RotateAsync(Account, other.KeyId, CancellationToken.None); // the same version exists under the other key
        RewriteEnvelope(envelope =>
        {
            var text = System.Text.Encoding.Latin1.GetString(envelope);
            return field switch
            {
                // The same length, so only authentication can tell: "team" becomes "tean"; another key's id; version 2 -> 1.
                "context" => System.Text.Encoding.Latin1.GetBytes(text.Replace("\"team\"", "\"tean\"", StringComparison.Ordinal)),
                "arn" => System.Text.Encoding.Latin1.GetBytes(text.Replace(key.KeyId, other.KeyId, StringComparison.Ordinal)),
                _ => SetVersion(envelope, 1),
            };
        });

        var error = await Assert.ThrowsAsync<StorageException>(() => ReadAsync(_objects, "k"));
        Assert.Equal(StorageErrorCode.DataCorrupted, error.Code);
    }

    private (KmsKeyRing Ring, ObjectService Objects) Open(IMetadataStore metadata)
    {
        var ring = new KmsKeyRing(metadata, _s.DataDirectory, "local");
        return (ring, new ObjectService(metadata, _s.Blobs, _s.Options, null, new EncryptionKeys(_s.DataDirectory, ring)));
    }

    private Task<ObjectInfo> PutAsync(string name, byte[] body, KmsKey key) =>
        _objects.PutObjectAsync(
            new PutObjectRequest(Bucket, name, new MemoryStream(body), body.Length, ObjectAttributes.Empty)
            {
                Encryption = EncryptionRequest.KmsManaged(new KmsWrite(
                    key, Bucket, BucketKeyEnabled: false,
                    new Dictionary<string, string> { ["aws:s3:arn"] = $"arn:aws:s3:::{Bucket}/{name}", ["team"] = "ops" })),
            },
            CancellationToken.None);

    private static async Task<byte[]> ReadAsync(ObjectService objects, string name)
    {
        await using var content = await objects.OpenObjectAsync(Bucket, name, null, CancellationToken.None);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, 0, content.Info.Size, CancellationToken.None);
        return buffer.ToArray();
    }

    /// <summary>The material version is the first field after the 66-byte fixed part (big-endian int).</summary>
    private static byte[] SetVersion(byte[] envelope, int version)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(envelope.AsSpan(66), version);
        return envelope;
    }

    /// <summary>Changes the stored envelope of object "k", as someone with write access to the database could.</summary>
    private void RewriteEnvelope(Func<byte[], byte[]> change)
    {
        var envelope = (byte[])DirectMetadataWrites.Scalar(engine, _s.DataDirectory, "SELECT encryption FROM objects WHERE bucket = $1 AND key = 'k'", Bucket)!;
        Assert.Equal(1, DirectMetadataWrites.Execute(
            engine, _s.DataDirectory, "UPDATE objects SET encryption = $1 WHERE bucket = $2 AND key = 'k'", change(envelope), Bucket));
    }
}

public sealed class KmsKeyRingTestsOnSqlite() : KmsKeyRingTests(MetadataEngine.Sqlite);

public sealed class KmsKeyRingTestsOnPostgres() : KmsKeyRingTests(MetadataEngine.Postgres);
