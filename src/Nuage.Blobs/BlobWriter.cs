namespace Nuage.Blobs;

/// <summary>
/// Writes one new, immutable blob (DESIGN.md invariant 2). Callers fill <see cref="GetMemory"/> and call
/// <see cref="AdvanceAsync"/> (so a request body is read straight into the block buffer, no extra copy), then
/// <see cref="CommitAsync"/> makes it durable under its final name. Disposing an uncommitted writer deletes its
/// temporary file. Until disposed, the blob is "in flight" and the startup sweep leaves it alone.
/// </summary>
public abstract class BlobWriter : IAsyncDisposable
{
    public abstract Guid BlobId { get; }

    /// <summary>Bytes written so far.</summary>
    public abstract long Length { get; }

    /// <summary>Free space to fill next; never empty.</summary>
    public abstract Memory<byte> GetMemory();

    /// <summary>Declares that <paramref name="count"/> bytes of the last <see cref="GetMemory"/> were filled.</summary>
    public abstract ValueTask AdvanceAsync(int count, CancellationToken cancellationToken);

    /// <summary>Copies <paramref name="data"/> in.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var target = GetMemory();
            int count = Math.Min(target.Length, data.Length);
            data.Span[..count].CopyTo(target.Span);
            data = data[count..];
            await AdvanceAsync(count, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes, fsyncs the file, renames it to its final path and makes the rename durable.</summary>
    public abstract Task CommitAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
