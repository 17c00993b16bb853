namespace Nuage.Storage.Objects;

/// <summary>
/// An opened object version: its metadata and a way to stream any byte range of it. The underlying blobs are
/// opened before this is returned, so a concurrent overwrite or delete cannot take the bytes away mid-read
/// (DESIGN.md invariant 4). Every block is verified against its stored checksum before it is written to the
/// destination; a mismatch throws StorageException(DataCorrupted) and no wrong byte is sent.
/// </summary>
public abstract class ObjectContent : IAsyncDisposable
{
    public abstract ObjectInfo Info { get; }

    /// <summary>Writes bytes [offset, offset+length) to <paramref name="destination"/>.</summary>
    public abstract Task CopyToAsync(Stream destination, long offset, long length, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
