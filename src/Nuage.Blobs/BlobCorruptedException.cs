namespace Nuage.Blobs;

/// <summary>A stored blob failed verification (bad header, wrong length or a block checksum mismatch). Never serve its bytes.</summary>
public sealed class BlobCorruptedException(Guid blobId, string message) : IOException(message)
{
    public Guid BlobId { get; } = blobId;
}
