namespace Nuage.Blobs;

using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

/// <summary>Reads a local blob in verified chunks of up to four frames held in one pooled buffer.</summary>
internal sealed class LocalBlobReader : BlobReader
{
    private readonly Guid _blobId;
    private readonly long _length;
    private readonly int _blockSize;
    private readonly long _blockCount;
    private SafeFileHandle? _file;
    private byte[]? _chunk;
    private long _chunkFirstBlock = -1;
    private int _chunkBlocks;
    private readonly BlobMetrics _metrics;

    public LocalBlobReader(Guid blobId, string path, long length, BlobMetrics metrics)
    {
        _blobId = blobId;
        _metrics = metrics;
        _length = length;
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);
        try
        {
            Span<byte> header = stackalloc byte[BlobFormat.HeaderSize];
            int read = RandomAccess.Read(_file, header, 0);
            _metrics.Read.Inc(read);
            _blockSize = BlobFormat.ReadHeader(header[..read]);
            if (_blockSize < 0)
            {
                throw Corrupted($"Blob {blobId:N} has an unknown or damaged header.");
            }

            // A truncated or extended file is caught here, before any byte is served.
            long expected = BlobFormat.FileLength(length, _blockSize);
            long actual = RandomAccess.GetLength(_file);
            if (actual != expected)
            {
                throw Corrupted($"Blob {blobId:N} is {actual} bytes on disk, expected {expected}.");
            }
        }
        catch
        {
            _file.Dispose();
            throw;
        }

        _blockCount = (length + _blockSize - 1) / _blockSize;
    }

    public override Guid BlobId => _blobId;

    public override long Length => _length;

    public override async ValueTask<int> ReadAsync(long position, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_file is null, this);
        if (position >= _length || destination.IsEmpty)
        {
            return 0;
        }

        long block = position / _blockSize;
        if (_chunk is null || block < _chunkFirstBlock || block >= _chunkFirstBlock + _chunkBlocks)
        {
            await LoadAsync(block, cancellationToken).ConfigureAwait(false);
        }

        int copied = 0;
        while (copied < destination.Length && position < _length)
        {
            block = position / _blockSize;
            if (block >= _chunkFirstBlock + _chunkBlocks)
            {
                break;
            }

            int inBlock = (int)(position % _blockSize);
            int blockLength = BlockLength(block);
            int frameOffset = (int)(block - _chunkFirstBlock) * (_blockSize + BlobFormat.ChecksumSize);
            int count = Math.Min(blockLength - inBlock, destination.Length - copied);
            _chunk.AsSpan(frameOffset + BlobFormat.ChecksumSize + inBlock, count).CopyTo(destination.Span[copied..]);
            copied += count;
            position += count;
        }

        return copied;
    }

    public override void ReleaseBuffers()
    {
        if (_chunk is not null)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = null;
            _chunkFirstBlock = -1;
            _chunkBlocks = 0;
        }
    }

    protected override void Dispose(bool disposing)
    {
        ReleaseBuffers();
        _file?.Dispose();
        _file = null;
    }

    private BlobCorruptedException Corrupted(string message)
    {
        _metrics.ChecksumFailures.Inc();
        return new BlobCorruptedException(_blobId, message);
    }

    private int BlockLength(long block) =>
        block < _blockCount - 1 ? _blockSize : (int)(_length - (block * (long)_blockSize));

    private async ValueTask LoadAsync(long firstBlock, CancellationToken cancellationToken)
    {
        int frameSize = _blockSize + BlobFormat.ChecksumSize;
        int blocks = (int)Math.Min(Math.Max(1, BlobFormat.FrameSize * BlobFormat.FramesPerIo / frameSize), _blockCount - firstBlock);
        int bytes = 0;
        for (int i = 0; i < blocks; i++)
        {
            bytes += BlockLength(firstBlock + i) + BlobFormat.ChecksumSize;
        }

        if (_chunk is null || _chunk.Length < bytes)
        {
            ReleaseBuffers();
            _chunk = ArrayPool<byte>.Shared.Rent(Math.Max(bytes, BlobFormat.FrameSize * BlobFormat.FramesPerIo));
        }

        _chunkFirstBlock = -1;
        long fileOffset = BlobFormat.HeaderSize + (firstBlock * frameSize);
        int done = 0;
        while (done < bytes)
        {
            int read = await RandomAccess.ReadAsync(_file!, _chunk.AsMemory(done, bytes - done), fileOffset + done, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw Corrupted($"Blob {_blobId:N} ended early.");
            }

            done += read;
        }

        _metrics.Read.Inc(done);

        // Verify every block of the chunk before handing out any byte of it (DESIGN.md invariant 6).
        int offset = 0;
        for (int i = 0; i < blocks; i++)
        {
            int length = BlockLength(firstBlock + i);
            ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(_chunk.AsSpan(offset, BlobFormat.ChecksumSize));
            ulong actual = BlockChecksum.Compute(_chunk.AsSpan(offset + BlobFormat.ChecksumSize, length), firstBlock + i);
            if (stored != actual)
            {
                throw Corrupted($"Blob {_blobId:N} block {firstBlock + i} failed its checksum.");
            }

            offset += length + BlobFormat.ChecksumSize;
        }

        _chunkFirstBlock = firstBlock;
        _chunkBlocks = blocks;
    }
}
