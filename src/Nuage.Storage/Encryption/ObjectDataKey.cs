namespace Nuage.Storage.Encryption;

using System.Security.Cryptography;

/// <summary>
/// An object version's data key, unwrapped for one request, and its nonce prefix. Each blob of the version gets its
/// own AES-256-GCM key derived from it and the blob's id (HKDF-SHA256, RFC 5869): a multipart upload's parts share
/// the upload's data key, yet a part uploaded twice under one number lands in a new blob with a new id and so never
/// reuses a (key, nonce) pair, which AES-GCM cannot survive (NIST SP 800-38D §8). Inline bytes use the empty id.
/// </summary>
internal sealed class ObjectDataKey : IDisposable
{
    private static readonly byte[] Label = "nuage-sse-blob-v1"u8.ToArray();

    private readonly byte[] _key;
    private readonly byte[] _noncePrefix;

    public ObjectDataKey(byte[] key, byte[] noncePrefix)
    {
        _key = key;
        _noncePrefix = noncePrefix;
    }

    public BlobCipher ForBlob(Guid blobId)
    {
        Span<byte> info = stackalloc byte[Label.Length + 16];
        Label.CopyTo(info);
        blobId.TryWriteBytes(info[Label.Length..]);
        byte[] blobKey = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, blobKey, salt: [], info: info);
        try
        {
            return new BlobCipher(blobKey, _noncePrefix);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blobKey);
        }
    }

    /// <summary>Encrypts a small body kept inline in the metadata row (DESIGN.md invariant 7) in the block layout.</summary>
    public byte[] SealInline(ReadOnlySpan<byte> plain)
    {
        using var cipher = ForBlob(Guid.Empty);
        var stored = new byte[EncryptedLayout.StoredLength(plain.Length)];
        for (long block = 0; block < EncryptedLayout.BlockCount(plain.Length); block++)
        {
            int length = EncryptedLayout.PlainBlockLength(plain.Length, block);
            cipher.Seal(block, plain.Slice((int)(block * EncryptedLayout.BlockSize), length), stored.AsSpan((int)(block * EncryptedLayout.StoredBlockSize), length + EncryptedLayout.TagSize));
        }

        return stored;
    }

    /// <summary>Decrypts inline bytes sealed by <see cref="SealInline"/>; throws when they fail authentication.</summary>
    public byte[] OpenInline(ReadOnlySpan<byte> stored, long plainLength)
    {
        if (stored.Length != EncryptedLayout.StoredLength(plainLength))
        {
            throw new CryptographicException("Inline ciphertext has the wrong length.");
        }

        using var cipher = ForBlob(Guid.Empty);
        var plain = new byte[plainLength];
        for (long block = 0; block < EncryptedLayout.BlockCount(plainLength); block++)
        {
            int length = EncryptedLayout.PlainBlockLength(plainLength, block);
            cipher.Open(block, stored.Slice((int)(block * EncryptedLayout.StoredBlockSize), length + EncryptedLayout.TagSize), plain.AsSpan((int)(block * EncryptedLayout.BlockSize), length));
        }

        return plain;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
