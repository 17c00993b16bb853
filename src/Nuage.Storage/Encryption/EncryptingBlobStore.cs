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

    public BlobReader OpenRead(Guid blobId, long length) => OpenRead(new Nuage.Metadata.BlobSegment(blobId, length));

    /// <summary>
    /// A manifest's segment, decrypted under the key of its <see cref="Nuage.Metadata.BlobSegment.KeyDerivationId"/>:
    /// its own id, or for an SSE-C replica the id of its source's blob (docs/encryption.md).
    /// </summary>
    public BlobReader OpenRead(Nuage.Metadata.BlobSegment segment)
    {
        var reader = inner.OpenRead(segment.BlobId, EncryptedLayout.StoredLength(segment.Length));
        return new DecryptingBlobReader(reader, key.ForBlob(segment.KeyDerivationId), segment.Length);
    }

    public void Delete(Guid blobId) => inner.Delete(blobId);

    public string ScratchDirectory => inner.ScratchDirectory;

    public IEnumerable<StoredBlobFile> EnumerateBlobs() => inner.EnumerateBlobs();

    public int DeleteTemporaryFiles(DateTime olderThanUtc) => inner.DeleteTemporaryFiles(olderThanUtc);

    public void CheckWritable() => inner.CheckWritable();

    public bool IsInFlight(Guid blobId) => inner.IsInFlight(blobId);
}
