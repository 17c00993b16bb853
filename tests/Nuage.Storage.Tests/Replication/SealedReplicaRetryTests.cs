using Nuage.Metadata;
using Nuage.Storage.Buckets;
using Nuage.Storage.Encryption;
using Nuage.Storage.Objects;
using Nuage.Storage.Replication;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests.Replication;

/// <summary>
/// Issue 17, SSE-C replicas (docs/replication.md "Encrypted versions"): the replica's blobs keep the source's ids, so a
/// retried push must succeed over the blobs an earlier attempt committed without its version (the destination stopped,
/// or its commit failed, in between), and a second bucket of the same region asking for the same version is refused
/// for good without touching the first replica's blobs.
/// </summary>
public abstract class SealedReplicaRetryTests(MetadataEngine engine)
{
    [Fact]
    public async Task A_retried_SSE_C_push_succeeds_over_the_blobs_an_earlier_attempt_left_and_a_second_bucket_is_refused()
    {
        await using var source = new StorageFixture(engine: engine);
        await using var destination = new StorageFixture(engine: engine);
        await source.CreateBucketAsync("src");
        await source.BucketService.SetVersioningAsync("src", VersioningState.Enabled, CancellationToken.None);
        foreach (var bucket in new[] { "dst", "dst-two" })
        {
            await destination.CreateBucketAsync(bucket);
            await destination.BucketService.SetVersioningAsync(bucket, VersioningState.Enabled, CancellationToken.None);
        }

        // Over the inline threshold, so the ciphertext is in a blob.
        var key = new CustomerKey(StorageFixture.RandomBytes(32, 5));
        var body = StorageFixture.RandomBytes(300_000, 6);
        var put = await source.Objects.PutObjectAsync(
            new PutObjectRequest("src", "k", new MemoryStream(body), body.Length, ObjectAttributes.Empty) { Encryption = EncryptionRequest.Customer(key) },
            CancellationToken.None);

        var sources = new ReplicaService(source.Metadata, source.Blobs, source.Options, source.Objects, new BucketReplications(source.Metadata));
        var (version, terms, ciphertext) = await OpenAsync(sources, put.VersionId!);
        Assert.NotEmpty(terms.CustomerSegments!);

        // What an earlier attempt left: its blobs committed under the source's ids, its version never committed.
        foreach (var segment in terms.CustomerSegments!)
        {
            await using var leftover = destination.Blobs.CreateWriter(segment.BlobId);
            await leftover.WriteAsync(ciphertext.AsMemory(0, 1000), CancellationToken.None);
            await leftover.CommitAsync(CancellationToken.None);
        }

        var replicas = new ReplicaService(destination.Metadata, destination.Blobs, destination.Options, destination.Objects, new BucketReplications(destination.Metadata));
        Assert.Equal(
            ReplicaWriteOutcome.Written,
            await replicas.WriteAsync("dst", StorageFixture.Owner, version, new MemoryStream(ciphertext), terms, CancellationToken.None));
        Assert.Equal(body, await ReadAsync(destination, "dst", put.VersionId!, key));

        // Pushed again (its answer lost): already there, nothing rewritten.
        Assert.Equal(
            ReplicaWriteOutcome.AlreadyPresent,
            await replicas.WriteAsync("dst", StorageFixture.Owner, version, new MemoryStream(ciphertext), terms, CancellationToken.None));

        // A second bucket of this region cannot hold the same blob ids: refused for good, the first replica intact.
        var refused = await Assert.ThrowsAsync<StorageException>(
            () => replicas.WriteAsync("dst-two", StorageFixture.Owner, version, new MemoryStream(ciphertext), terms, CancellationToken.None));
        Assert.Equal(StorageErrorCode.InvalidRequest, refused.Code);
        Assert.Equal(body, await ReadAsync(destination, "dst", put.VersionId!, key));
    }

    private static async Task<(ReplicaVersion Version, ReplicaTerms Terms, byte[] Ciphertext)> OpenAsync(ReplicaService sources, string versionId)
    {
        await using var opened = await sources.OpenSourceAsync("src", "k", versionId, CancellationToken.None);
        Assert.NotNull(opened);
        using var ciphertext = new MemoryStream();
        await opened.Content!.CopyToAsync(ciphertext, 0, opened.BodyLength, CancellationToken.None);
        return (opened.Version, opened.SealedAs!, ciphertext.ToArray());
    }

    private static async Task<byte[]> ReadAsync(StorageFixture s, string bucket, string versionId, CustomerKey key)
    {
        await using var content = await s.Objects.OpenObjectAsync(bucket, "k", versionId, key, CancellationToken.None);
        using var plaintext = new MemoryStream();
        await content.CopyToAsync(plaintext, 0, content.Info.Size, CancellationToken.None);
        return plaintext.ToArray();
    }
}

public sealed class SealedReplicaRetryTestsOnSqlite() : SealedReplicaRetryTests(MetadataEngine.Sqlite);

public sealed class SealedReplicaRetryTestsOnPostgres() : SealedReplicaRetryTests(MetadataEngine.Postgres);
