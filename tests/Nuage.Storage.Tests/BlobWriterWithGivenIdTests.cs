using Nuage.Blobs;

namespace Nuage.Storage.Tests;

/// <summary>
/// LocalBlobStore.CreateWriter(Guid), which an SSE-C replica uses to keep its source's blob ids (docs/replication.md):
/// the blob is found under the given id, and a second blob of that id never replaces the first.
/// </summary>
public sealed class BlobWriterWithGivenIdTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nuage-blob-id-").FullName;

    [Fact]
    public async Task A_blob_written_under_a_given_id_reads_back_and_is_never_overwritten()
    {
        IBlobStore store = new LocalBlobStore(_root);
        var id = Guid.NewGuid();
        await using (var writer = store.CreateWriter(id))
        {
            Assert.Equal(id, writer.BlobId);
            await writer.WriteAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        await using (var second = store.CreateWriter(id))
        {
            await second.WriteAsync(new byte[] { 9, 9, 9 }, CancellationToken.None);
            await Assert.ThrowsAsync<IOException>(() => second.CommitAsync(CancellationToken.None));
        }

        using var reader = store.OpenRead(id, 3);
        var read = new byte[3];
        Assert.Equal(3, await reader.ReadAsync(0, read, CancellationToken.None));
        Assert.Equal(new byte[] { 1, 2, 3 }, read);
        Assert.False(store.IsInFlight(id));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
