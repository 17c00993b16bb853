namespace Nuage.Storage.Encryption;

/// <summary>
/// The at-rest layout of encrypted bytes: the plaintext cut into blocks of <see cref="BlockSize"/> (the last one
/// shorter), each stored as its AES-GCM ciphertext followed by its 16-byte tag. A byte range therefore maps to whole
/// blocks at computable offsets, so a ranged GET decrypts only the blocks it touches.
/// </summary>
internal static class EncryptedLayout
{
    public const int BlockSize = 64 * 1024;
    public const int TagSize = 16;
    public const int StoredBlockSize = BlockSize + TagSize;

    public static long BlockCount(long plainLength) => (plainLength + BlockSize - 1) / BlockSize;

    /// <summary>Bytes stored for <paramref name="plainLength"/> bytes of plaintext.</summary>
    public static long StoredLength(long plainLength) => plainLength + (BlockCount(plainLength) * TagSize);

    public static int PlainBlockLength(long plainLength, long block) =>
        (int)Math.Min(BlockSize, plainLength - (block * BlockSize));
}
