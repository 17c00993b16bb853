using Nuage.Metadata;
using Nuage.Storage.Buckets;
using Nuage.Storage.Encryption;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;
using Nuage.Storage.Replication;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests.Replication;

/// <summary>
/// Issue 17, SSE-C replicas (docs/replication.md "Encrypted versions"): a replica's ciphertext goes into blobs of its
/// own, each recording the id its key derives from (its source's, schema 031), so one blob store can hold several
/// replicas of a version (two buckets of a region, or the source's own region), a retried or concurrent push never
/// meets an earlier attempt's blobs, and a replica of a replica still reads with the customer's key.
/// </summary>
public abstract class SealedReplicaTests(MetadataEngine engine)
{
    private static readonly CustomerKey Key = new(StorageFixture.RandomBytes(32, 5));

    [Fact]
    public async Task Replicas_in_two_buckets_of_a_region_and_in_the_source_region_each_get_blobs_of_their_own_and_read_with_the_key()
    {
        await using var source = new StorageFixture(engine: engine);
        await using var destination = new StorageFixture(engine: engine);
        await VersionedAsync(source, "src", "src-copy");
        await VersionedAsync(destination, "dst", "dst-two", "dst-chain");

        // Over the inline threshold, so the ciphertext is in a blob.
        var body = StorageFixture.RandomBytes(300_000, 6);
        var put = await source.Objects.PutObjectAsync(
            new PutObjectRequest("src", "k", new MemoryStream(body), body.Length, ObjectAttributes.Empty) { Encryption = EncryptionRequest.Customer(Key) },
            CancellationToken.None);
        var sourceBlob = Assert.Single(await ManifestAsync(source, "src", put.VersionId!)).BlobId;

        var (version, terms, ciphertext) = await OpenAsync(source, "src", put.VersionId!);
        Assert.Equal([sourceBlob], terms.CustomerSegments!.Select(s => s.BlobId));

        var replicas = Replicas(destination);
        foreach (var bucket in new[] { "dst", "dst-two" })
        {
            Assert.Equal(ReplicaWriteOutcome.Written, await replicas.WriteAsync(bucket, StorageFixture.Owner, version, new MemoryStream(ciphertext), terms, CancellationToken.None));
            Assert.Equal(body, await ReadAsync(destination, bucket, put.VersionId!));
        }

        // Pushed again (its answer lost): already there, and no blob is added.
        int blobs = destination.Blobs.EnumerateBlobs().Count();
        Assert.Equal(
            ReplicaWriteOutcome.AlreadyPresent,
            await replicas.WriteAsync("dst", StorageFixture.Owner, version, new MemoryStream(ciphertext), terms, CancellationToken.None));
        Assert.Equal(blobs, destination.Blobs.EnumerateBlobs().Count());

        // Within the source's own region too, beside the source's blob.
        Assert.Equal(ReplicaWriteOutcome.Written, await Replicas(source).WriteAsync("src-copy", StorageFixture.Owner, version, new MemoryStream(ciphertext), terms, CancellationToken.None));
        Assert.Equal(body, await ReadAsync(source, "src-copy", put.VersionId!));
        Assert.Equal(body, await ReadAsync(source, "src", put.VersionId!));

        var copies = new[] { (destination, "dst"), (destination, "dst-two"), (source, "src-copy") };
        var copyBlobs = new List<Guid>();
        foreach (var (fixture, bucket) in copies)
        {
            var segment = Assert.Single(await ManifestAsync(fixture, bucket, put.VersionId!));
            Assert.Equal(sourceBlob, segment.KeyDerivationId);
            copyBlobs.Add(segment.BlobId);
        }

        Assert.Equal(4, copyBlobs.Append(sourceBlob).Distinct().Count());

        // A replica of the replica (A to B to C) derives from the first source's ids.
        var (again, chainedTerms, chainedCiphertext) = await OpenAsync(destination, "dst", put.VersionId!);
        Assert.Equal([sourceBlob], chainedTerms.CustomerSegments!.Select(s => s.BlobId));
        Assert.Equal(ReplicaWriteOutcome.Written, await replicas.WriteAsync("dst-chain", StorageFixture.Owner, again, new MemoryStream(chainedCiphertext), chainedTerms, CancellationToken.None));
        Assert.Equal(body, await ReadAsync(destination, "dst-chain", put.VersionId!));

        // And without the key, or with another, the replica is as closed as its source.
        var other = new CustomerKey(StorageFixture.RandomBytes(32, 7));
        var refused = await Assert.ThrowsAsync<StorageException>(async () => await destination.Objects.OpenObjectAsync("dst-two", "k", put.VersionId!, other, CancellationToken.None));
        Assert.Equal(StorageErrorCode.WrongCustomerKey, refused.Code);
    }

    [Fact]
    public async Task A_push_cut_short_leaves_no_blob_and_two_pushes_at_once_leave_one_replica()
    {
        await using var source = new StorageFixture(engine: engine);
        await using var destination = new StorageFixture(engine: engine);
        await VersionedAsync(source, "src");
        await VersionedAsync(destination, "dst");
        var body = StorageFixture.RandomBytes(200_000, 8);
        var put = await source.Objects.PutObjectAsync(
            new PutObjectRequest("src", "k", new MemoryStream(body), body.Length, ObjectAttributes.Empty) { Encryption = EncryptionRequest.Customer(Key) },
            CancellationToken.None);
        var (version, terms, ciphertext) = await OpenAsync(source, "src", put.VersionId!);
        var replicas = Replicas(destination);

        var cut = await Assert.ThrowsAsync<StorageException>(
            () => replicas.WriteAsync("dst", StorageFixture.Owner, version, new MemoryStream(ciphertext[..100_000]), terms, CancellationToken.None));
        Assert.Equal(StorageErrorCode.IncompleteBody, cut.Code);
        Assert.Empty(destination.Blobs.EnumerateBlobs());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(
            _ => Task.Run(() => replicas.WriteAsync("dst", StorageFixture.Owner, version, new MemoryStream(ciphertext), terms, CancellationToken.None))));
        Assert.Single(outcomes, o => o == ReplicaWriteOutcome.Written);
        Assert.Equal(body, await ReadAsync(destination, "dst", put.VersionId!));
        Assert.Equal(
            Assert.Single(await ManifestAsync(destination, "dst", put.VersionId!)).BlobId,
            Assert.Single(destination.Blobs.EnumerateBlobs()).BlobId);
    }

    [Fact]
    public async Task A_multipart_version_of_400_parts_is_replicated_with_its_parts()
    {
        const int Parts = 400, PartSize = 1000;
        await using var source = new StorageFixture(o => o with { MinPartSize = PartSize }, engine: engine);
        await using var destination = new StorageFixture(engine: engine);
        await VersionedAsync(source, "src");
        await VersionedAsync(destination, "dst");
        var body = StorageFixture.RandomBytes(Parts * PartSize, 9);
        var upload = await source.Multipart.CreateMultipartUploadAsync("src", "k", ObjectAttributes.Empty, null, CancellationToken.None, encryption: EncryptionRequest.Customer(Key));
        var completed = new List<CompletedPart>();
        for (int n = 1; n <= Parts; n++)
        {
            var part = await source.Multipart.UploadPartAsync(
                "src", "k", upload.UploadId, n, new MemoryStream(body, (n - 1) * PartSize, PartSize), PartSize, null, null, CancellationToken.None, Key);
            completed.Add(new CompletedPart(n, part.ETag));
        }

        var info = await source.Multipart.CompleteMultipartUploadAsync("src", "k", upload.UploadId, completed, null, CancellationToken.None);
        var (version, terms, ciphertext) = await OpenAsync(source, "src", info.VersionId!);
        Assert.Equal(Parts, terms.CustomerSegments!.Count);

        Assert.Equal(ReplicaWriteOutcome.Written, await Replicas(destination).WriteAsync("dst", StorageFixture.Owner, version, new MemoryStream(ciphertext), terms, CancellationToken.None));
        Assert.Equal(body, await ReadAsync(destination, "dst", info.VersionId!));
        var head = await destination.Objects.HeadObjectAsync("dst", "k", info.VersionId!, CancellationToken.None);
        Assert.Equal((info.ETag, Parts), (head.ETag, head.PartSizes!.Count));
    }

    private static async Task VersionedAsync(StorageFixture fixture, params string[] buckets)
    {
        foreach (var bucket in buckets)
        {
            await fixture.CreateBucketAsync(bucket);
            await fixture.BucketService.SetVersioningAsync(bucket, VersioningState.Enabled, CancellationToken.None);
        }
    }

    private static ReplicaService Replicas(StorageFixture fixture) =>
        new(fixture.Metadata, fixture.Blobs, fixture.Options, fixture.Objects, new BucketReplications(fixture.Metadata));

    private static async Task<IReadOnlyList<BlobSegment>> ManifestAsync(StorageFixture fixture, string bucket, string versionId)
    {
        var row = await fixture.Metadata.GetObjectAsync(bucket, "k", versionId, withData: true, CancellationToken.None);
        return Assert.IsType<BlobManifest>(row!.Data).Segments;
    }

    private static async Task<(ReplicaVersion Version, ReplicaTerms Terms, byte[] Ciphertext)> OpenAsync(StorageFixture fixture, string bucket, string versionId)
    {
        await using var opened = await Replicas(fixture).OpenSourceAsync(bucket, "k", versionId, CancellationToken.None);
        Assert.NotNull(opened);
        using var ciphertext = new MemoryStream();
        await opened.Content!.CopyToAsync(ciphertext, 0, opened.BodyLength, CancellationToken.None);
        return (opened.Version, opened.SealedAs!, ciphertext.ToArray());
    }

    private static async Task<byte[]> ReadAsync(StorageFixture s, string bucket, string versionId)
    {
        await using var content = await s.Objects.OpenObjectAsync(bucket, "k", versionId, Key, CancellationToken.None);
        using var plaintext = new MemoryStream();
        await content.CopyToAsync(plaintext, 0, content.Info.Size, CancellationToken.None);
        return plaintext.ToArray();
    }
}

public sealed class SealedReplicaTestsOnSqlite() : SealedReplicaTests(MetadataEngine.Sqlite);

public sealed class SealedReplicaTestsOnPostgres() : SealedReplicaTests(MetadataEngine.Postgres);
