namespace Nuage.Storage.Encryption;

using System.Buffers;
using Nuage.Blobs;

/// <summary>
/// A blob writer that takes plaintext and writes its encrypted block layout (<see cref="EncryptedLayout"/>) to the
/// blob beneath. Callers fill a pooled plaintext block as they would the blob's own buffer; each full block is
/// sealed straight into the inner writer's memory when it has room (otherwise through a scratch block), so nothing
/// is buffered beyond one block. The blob's own per-block checksums (invariant 6) then cover the ciphertext.
/// </summary>
internal sealed class EncryptingBlobWriter : BlobWriter
{
    private readonly BlobWriter _inner;
    private readonly BlobCipher _cipher;
    private byte[]? _plain;
    private byte[]? _scratch;
    private int _filled;
    private long _length;
    private long _block;

    public EncryptingBlobWriter(BlobWriter inner, BlobCipher cipher)
    {
        _inner = inner;
        _cipher = cipher;
        _plain = ArrayPool<byte>.Shared.Rent(EncryptedLayout.BlockSize);
    }

    public override Guid BlobId => _inner.BlobId;

    /// <summary>Plaintext bytes written so far.</summary>
    public override long Length => _length;

    public override Memory<byte> GetMemory()
    {
        ObjectDisposedException.ThrowIf(_plain is null, this);
        return _plain.AsMemory(_filled, EncryptedLayout.BlockSize - _filled);
    }

    public override ValueTask AdvanceAsync(int count, CancellationToken cancellationToken)
    {
        _filled += count;
        _length += count;
        return _filled == EncryptedLayout.BlockSize ? SealBlockAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            await SealBlockAsync(cancellationToken).ConfigureAwait(false);
        }

        await _inner.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_plain is not null)
        {
            ArrayPool<byte>.Shared.Return(_plain, clearArray: true);
            _plain = null;
        }

        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }

        _cipher.Dispose();
        await _inner.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask SealBlockAsync(CancellationToken cancellationToken)
    {
        int stored = _filled + EncryptedLayout.TagSize;
        var target = _inner.GetMemory();
        if (target.Length >= stored)
        {
            _cipher.Seal(_block, _plain.AsSpan(0, _filled), target.Span[..stored]);
            await _inner.AdvanceAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _scratch ??= ArrayPool<byte>.Shared.Rent(EncryptedLayout.StoredBlockSize);
            _cipher.Seal(_block, _plain.AsSpan(0, _filled), _scratch.AsSpan(0, stored));
            await _inner.WriteAsync(_scratch.AsMemory(0, stored), cancellationToken).ConfigureAwait(false);
        }

        _block++;
        _filled = 0;
    }
}
