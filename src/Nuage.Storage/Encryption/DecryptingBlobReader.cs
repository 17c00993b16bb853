namespace Nuage.Storage.Encryption;

using System.Buffers;
using System.Security.Cryptography;
using Nuage.Blobs;

/// <summary>
/// Reads the plaintext of an encrypted blob. A read at any position fetches and decrypts only the blocks it
/// covers (a ranged GET touches the blocks of its range and no other); a block the caller's buffer holds whole and
/// aligned is decrypted straight into it, any other into one cached block. A block that fails its tag is reported
/// as corruption: no unauthenticated byte is ever returned.
/// </summary>
internal sealed class DecryptingBlobReader : BlobReader
{
    private readonly BlobReader _inner;
    private readonly BlobCipher _cipher;
    private readonly long _length;
    private byte[]? _stored;
    private byte[]? _plain;
    private long _cachedBlock = -1;

    public DecryptingBlobReader(BlobReader inner, BlobCipher cipher, long plainLength)
    {
        _inner = inner;
        _cipher = cipher;
        _length = plainLength;
    }

    public override Guid BlobId => _inner.BlobId;

    public override long Length => _length;

    public override async ValueTask<int> ReadAsync(long position, Memory<byte> destination, CancellationToken cancellationToken)
    {
        int copied = 0;
        while (copied < destination.Length && position < _length)
        {
            long block = position / EncryptedLayout.BlockSize;
            int inBlock = (int)(position % EncryptedLayout.BlockSize);
            int blockLength = EncryptedLayout.PlainBlockLength(_length, block);
            var target = destination[copied..];
            if (inBlock == 0 && target.Length >= blockLength && block != _cachedBlock)
            {
                await DecryptAsync(block, blockLength, target[..blockLength], cancellationToken).ConfigureAwait(false);
                copied += blockLength;
                position += blockLength;
                continue;
            }

            if (block != _cachedBlock)
            {
                _plain ??= ArrayPool<byte>.Shared.Rent(EncryptedLayout.BlockSize);
                _cachedBlock = -1;
                await DecryptAsync(block, blockLength, _plain.AsMemory(0, blockLength), cancellationToken).ConfigureAwait(false);
                _cachedBlock = block;
            }

            int count = Math.Min(blockLength - inBlock, target.Length);
            _plain.AsSpan(inBlock, count).CopyTo(target.Span);
            copied += count;
            position += count;
        }

        return copied;
    }

    public override void ReleaseBuffers()
    {
        if (_stored is not null)
        {
            ArrayPool<byte>.Shared.Return(_stored);
            _stored = null;
        }

        if (_plain is not null)
        {
            ArrayPool<byte>.Shared.Return(_plain, clearArray: true);
            _plain = null;
            _cachedBlock = -1;
        }

        _inner.ReleaseBuffers();
    }

    protected override void Dispose(bool disposing)
    {
        ReleaseBuffers();
        _cipher.Dispose();
        _inner.Dispose();
    }

    private async ValueTask DecryptAsync(long block, int blockLength, Memory<byte> plain, CancellationToken cancellationToken)
    {
        _stored ??= ArrayPool<byte>.Shared.Rent(EncryptedLayout.StoredBlockSize);
        int stored = blockLength + EncryptedLayout.TagSize;
        long offset = block * EncryptedLayout.StoredBlockSize;
        int done = 0;
        while (done < stored)
        {
            int read = await _inner.ReadAsync(offset + done, _stored.AsMemory(done, stored - done), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new BlobCorruptedException(BlobId, $"Encrypted blob {BlobId:N} ended inside block {block}.");
            }

            done += read;
        }

        try
        {
            _cipher.Open(block, _stored.AsSpan(0, stored), plain.Span);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new BlobCorruptedException(BlobId, $"Encrypted blob {BlobId:N} block {block} failed authentication.");
        }
    }
}
