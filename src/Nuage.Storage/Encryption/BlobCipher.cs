namespace Nuage.Storage.Encryption;

using System.Buffers.Binary;
using System.Security.Cryptography;

/// <summary>
/// AES-256-GCM over the blocks of one blob. The 96-bit nonce is the object's 4-byte random prefix followed by the
/// 64-bit block index, so every block of the blob has its own nonce and a block moved to another index fails its
/// tag: blocks cannot be reordered or swapped between positions without detection.
/// </summary>
internal sealed class BlobCipher : IDisposable
{
    private const int NonceSize = 12;

    private readonly AesGcm _aes;
    private readonly byte[] _noncePrefix;

    public BlobCipher(ReadOnlySpan<byte> key, byte[] noncePrefix)
    {
        _aes = new AesGcm(key, EncryptedLayout.TagSize);
        _noncePrefix = noncePrefix;
    }

    /// <summary>Writes ciphertext then tag into <paramref name="stored"/> (plain.Length + 16 bytes).</summary>
    public void Seal(long block, ReadOnlySpan<byte> plain, Span<byte> stored)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        Nonce(block, nonce);
        _aes.Encrypt(nonce, plain, stored[..plain.Length], stored.Slice(plain.Length, EncryptedLayout.TagSize));
    }

    /// <summary>Decrypts one stored block (ciphertext then tag) into <paramref name="plain"/>; throws on a bad tag.</summary>
    public void Open(long block, ReadOnlySpan<byte> stored, Span<byte> plain)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        Nonce(block, nonce);
        int length = stored.Length - EncryptedLayout.TagSize;
        _aes.Decrypt(nonce, stored[..length], stored.Slice(length, EncryptedLayout.TagSize), plain[..length]);
    }

    public void Dispose() => _aes.Dispose();

    private void Nonce(long block, Span<byte> nonce)
    {
        _noncePrefix.CopyTo(nonce);
        BinaryPrimitives.WriteInt64BigEndian(nonce[4..], block);
    }
}
