namespace Nuage.Blobs;

/// <summary>
/// Immutable blobs named by generated ids (never by anything a client chose, so no key can become a path).
/// Local drive today; erasure-coded shards later behind the same contract.
/// </summary>
public interface IBlobStore
{
    BlobWriter CreateWriter();

    /// <summary>Opens a committed blob of the given payload length. FileNotFoundException when it does not exist.</summary>
    BlobReader OpenRead(Guid blobId, long length);

    /// <summary>Deletes a blob; deleting a missing one is not an error (the collector may run twice).</summary>
    void Delete(Guid blobId);

    /// <summary>Committed blob files on disk.</summary>
    IEnumerable<StoredBlobFile> EnumerateBlobs();

    /// <summary>
    /// A directory on the blob store's drive for the process's own scratch files (the startup sweep's sorted runs).
    /// It is the temporary directory, so what a crash leaves there is deleted by the next start's
    /// <see cref="DeleteTemporaryFiles"/>.
    /// </summary>
    string ScratchDirectory { get; }

    /// <summary>Deletes temporary files last written before <paramref name="olderThanUtc"/>; returns how many.</summary>
    int DeleteTemporaryFiles(DateTime olderThanUtc);

    /// <summary>
    /// Creates, writes and deletes a small file where blobs are written, so a readiness probe learns the store can
    /// take writes (disk full, read-only remount, directory gone). Throws the I/O error otherwise.
    /// </summary>
    void CheckWritable();

    /// <summary>True while a writer of this blob is open (written, maybe renamed, not yet committed or abandoned).</summary>
    bool IsInFlight(Guid blobId);
}
