namespace Nuage.Storage.Objects;

using System.Buffers;
using Nuage.Blobs;
using Nuage.Storage.Internal;

/// <summary>
/// An opened object: inline bytes already verified against their checksum, or the already-opened readers of every
/// blob of its manifest (so the collector cannot take them away mid-read, DESIGN.md invariant 4).
/// </summary>
internal sealed class StoredObjectContent : ObjectContent
{
    private const int CopyBufferSize = 256 * 1024;

    private readonly ObjectInfo _info;
    private readonly byte[]? _inline;
    private readonly BlobReader[] _blobs;
    private readonly long[] _segmentStarts;

    public StoredObjectContent(ObjectInfo info, byte[] inline)
    {
        _info = info;
        _inline = inline;
        _blobs = [];
        _segmentStarts = [];
    }

    public StoredObjectContent(ObjectInfo info, BlobReader[] blobs)
    {
        _info = info;
        _blobs = blobs;
        _segmentStarts = new long[blobs.Length];
        long start = 0;
        for (int i = 0; i < blobs.Length; i++)
        {
            _segmentStarts[i] = start;
            start += blobs[i].Length;
        }
    }

    public override ObjectInfo Info => _info;

    public override async Task CopyToAsync(Stream destination, long offset, long length, CancellationToken cancellationToken)
    {
        CheckRange(offset, length);
        if (_inline is not null)
        {
            await destination.WriteAsync(_inline.AsMemory((int)offset, (int)length), cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(CopyBufferSize, Math.Max(1, length)));
        try
        {
            long position = offset;
            long end = offset + length;
            while (position < end)
            {
                int read = await ReadAsync(position, buffer.AsMemory(0, (int)Math.Min(buffer.Length, end - position)), cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                position += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads verified bytes at <paramref name="position"/> (at least one unless at the end).</summary>
    public async ValueTask<int> ReadAsync(long position, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (position >= _info.Size || destination.IsEmpty)
        {
            return 0;
        }

        if (_inline is not null)
        {
            int count = (int)Math.Min(destination.Length, _inline.Length - position);
            _inline.AsSpan((int)position, count).CopyTo(destination.Span);
            return count;
        }

        int segment = FindSegment(position);
        var blob = _blobs[segment];
        try
        {
            int read = await blob.ReadAsync(position - _segmentStarts[segment], destination, cancellationToken).ConfigureAwait(false);
            if (position + read - _segmentStarts[segment] >= blob.Length)
            {
                // Done with this blob: give its chunk back now, or a 10,000-part object would hold 10,000 buffers.
                blob.ReleaseBuffers();
            }

            return read;
        }
        catch (BlobCorruptedException ex)
        {
            throw Errors.Corrupted(ex.Message);
        }
    }

    public override ValueTask DisposeAsync()
    {
        foreach (var blob in _blobs)
        {
            blob.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void CheckRange(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > _info.Size)
        {
            throw new StorageException(StorageErrorCode.InvalidRange, "The requested range is not satisfiable.");
        }
    }

    private int FindSegment(long position)
    {
        int index = Array.BinarySearch(_segmentStarts, position);
        if (index < 0)
        {
            index = ~index - 1;
        }

        // Skip empty segments that share a start with the next one.
        while (index < _blobs.Length - 1 && _segmentStarts[index + 1] <= position)
        {
            index++;
        }

        return index;
    }
}
