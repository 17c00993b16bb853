namespace Nuage.Blobs;

/// <summary>
/// An opened blob. The file is open from construction, so deleting it afterwards (a collector after an overwrite)
/// does not affect this reader (DESIGN.md invariant 4). Every block is verified before any of its bytes is copied
/// out; a mismatch throws <see cref="BlobCorruptedException"/>.
/// </summary>
public abstract class BlobReader : IDisposable
{
    public abstract Guid BlobId { get; }

    public abstract long Length { get; }

    /// <summary>Reads verified bytes from <paramref name="position"/>; returns 0 at the end.</summary>
    public abstract ValueTask<int> ReadAsync(long position, Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>Returns pooled buffers early (the reader stays usable) when a caller moves on to another blob.</summary>
    public abstract void ReleaseBuffers();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
