namespace Nuage.Storage.Encryption;

using Nuage.Blobs;

/// <summary>
/// The blob store seen through one object's data key: writers take plaintext and store ciphertext, readers are
/// opened with plaintext lengths (what manifests record for encrypted objects) and return plaintext. Everything
/// else is the store beneath, since blobs are still named, swept and collected by id alone.
/// </summary>
internal sealed class EncryptingBlobStore(IBlobStore inner, ObjectDataKey key) : IBlobStore
{
    public BlobWriter CreateWriter()
    {
        var writer = inner.CreateWriter();
        return new EncryptingBlobWriter(writer, key.ForBlob(writer.BlobId));
    }

    public BlobReader OpenRead(Guid blobId, long length)
    {
        var reader = inner.OpenRead(blobId, EncryptedLayout.StoredLength(length));
        return new DecryptingBlobReader(reader, key.ForBlob(blobId), length);
    }

    public void Delete(Guid blobId) => inner.Delete(blobId);

    public string ScratchDirectory => inner.ScratchDirectory;

    public IEnumerable<StoredBlobFile> EnumerateBlobs() => inner.EnumerateBlobs();

    public int DeleteTemporaryFiles(DateTime olderThanUtc) => inner.DeleteTemporaryFiles(olderThanUtc);

    public void CheckWritable() => inner.CheckWritable();

    public bool IsInFlight(Guid blobId) => inner.IsInFlight(blobId);
}
