namespace Nuage.Blobs;

using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

/// <summary>Streams a blob into blobs/tmp/, framing and checksumming blocks in a pooled 256 KiB buffer.</summary>
internal sealed class LocalBlobWriter : BlobWriter
{
    private readonly LocalBlobStore _store;
    private readonly Guid _blobId;
    private readonly string _temporaryPath;
    private SafeFileHandle? _file;
    private byte[]? _buffer;
    private int _frameStart;
    private int _filled;
    private long _fileOffset;
    private long _length;
    private long _blockIndex;
    private readonly BlobMetrics _metrics;
    private bool _committed;

    public LocalBlobWriter(LocalBlobStore store, Guid blobId, string temporaryPath, BlobMetrics metrics)
    {
        _store = store;
        _metrics = metrics;
        _blobId = blobId;
        _temporaryPath = temporaryPath;
        _file = File.OpenHandle(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        Span<byte> header = stackalloc byte[BlobFormat.HeaderSize];
        BlobFormat.WriteHeader(header);
        RandomAccess.Write(_file, header, 0);
        _metrics.Written.Inc(BlobFormat.HeaderSize);
        _fileOffset = BlobFormat.HeaderSize;
        _buffer = ArrayPool<byte>.Shared.Rent(BlobFormat.FrameSize * BlobFormat.FramesPerIo);
    }

    public override Guid BlobId => _blobId;

    public override long Length => _length;

    public override Memory<byte> GetMemory()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        return _buffer.AsMemory(_frameStart + BlobFormat.ChecksumSize + _filled, BlobFormat.BlockSize - _filled);
    }

    public override ValueTask AdvanceAsync(int count, CancellationToken cancellationToken)
    {
        _filled += count;
        _length += count;
        if (_filled < BlobFormat.BlockSize)
        {
            return ValueTask.CompletedTask;
        }

        SealBlock();
        return _frameStart + BlobFormat.FrameSize > _buffer!.Length ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            SealBlock();
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        RandomAccess.FlushToDisk(_file!);
        _metrics.FileFsync.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        _file!.Dispose();
        _file = null;
        string directory = _store.DirectoryOf(_blobId);
        File.Move(_temporaryPath, Path.Combine(directory, _blobId.ToString("N")));
        _committed = true;
        await _store.SyncDirectoryAsync(directory).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync()
    {
        _file?.Dispose();
        _file = null;
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        if (!_committed)
        {
            try
            {
                File.Delete(_temporaryPath);
            }
            catch (IOException)
            {
                // The startup sweep removes what is left in tmp/.
            }
        }

        _store.EndInFlight(_blobId);
        return ValueTask.CompletedTask;
    }

    private void SealBlock()
    {
        var frame = _buffer.AsSpan(_frameStart, BlobFormat.ChecksumSize + _filled);
        ulong checksum = BlockChecksum.Compute(frame[BlobFormat.ChecksumSize..], _blockIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(frame, checksum);
        _frameStart += frame.Length;
        _filled = 0;
        _blockIndex++;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_frameStart == 0)
        {
            return;
        }

        await RandomAccess.WriteAsync(_file!, _buffer.AsMemory(0, _frameStart), _fileOffset, cancellationToken).ConfigureAwait(false);
        _fileOffset += _frameStart;
        _metrics.Written.Inc(_frameStart);
        _frameStart = 0;
    }
}
