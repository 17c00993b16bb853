namespace Nuage.Storage.Encryption;

using System.Security.Cryptography;

/// <summary>
/// The encryption parameters stored with an object version (and with a multipart upload until completion):
/// version (1) | mode (1) | nonce prefix (4) | wrap nonce (12) | wrapped data key (32) | wrap tag (16), 66 bytes,
/// then for SSE-KMS (format version 2) a trailer naming the key, its material version and the encryption context
/// (<see cref="Kms.KmsEnvelopeTrailer"/>). The data key is wrapped with AES-256-GCM under the key-encryption key of
/// its mode (the master key for SSE-S3, a key derived from the customer's key for SSE-C, the KMS key's material for
/// SSE-KMS) with the first six bytes and the trailer as associated data, so neither the mode, the nonce prefix nor
/// anything the trailer says can be altered without the envelope failing to open.
/// </summary>
internal static class EncryptionEnvelope
{
    public const int Size = 66;
    private const byte FormatVersion = 1;
    private const byte TrailerFormatVersion = 2;
    private const int HeaderSize = 6;
    private const int WrapNonceSize = 12;
    private const int DataKeySize = 32;

    /// <summary>A new random data key and nonce prefix for one object (or upload), and their envelope.</summary>
    public static (byte[] Envelope, ObjectDataKey Key) Create(ServerSideEncryption mode, ReadOnlySpan<byte> keyEncryptionKey, ReadOnlySpan<byte> trailer = default)
    {
        var envelope = new byte[Size + trailer.Length];
        envelope[0] = trailer.IsEmpty ? FormatVersion : TrailerFormatVersion;
        envelope[1] = (byte)mode;
        trailer.CopyTo(envelope.AsSpan(Size));
        RandomNumberGenerator.Fill(envelope.AsSpan(2, 4 + WrapNonceSize));
        byte[] dataKey = RandomNumberGenerator.GetBytes(DataKeySize);
        using (var aes = new AesGcm(keyEncryptionKey, EncryptedLayout.TagSize))
        {
            aes.Encrypt(
                envelope.AsSpan(HeaderSize, WrapNonceSize), dataKey, envelope.AsSpan(HeaderSize + WrapNonceSize, DataKeySize),
                envelope.AsSpan(HeaderSize + WrapNonceSize + DataKeySize, EncryptedLayout.TagSize), AssociatedData(envelope));
        }

        return (envelope, new ObjectDataKey(dataKey, envelope[2..6]));
    }

    /// <summary>The mode recorded in an envelope (read without any key: HEAD answers it).</summary>
    public static ServerSideEncryption ModeOf(byte[] envelope) =>
        (envelope.Length == Size && envelope[0] == FormatVersion && envelope[1] is 1 or 2)
        || (envelope.Length > Size && envelope[0] == TrailerFormatVersion && envelope[1] == (byte)ServerSideEncryption.KmsKey)
            ? (ServerSideEncryption)envelope[1]
            : throw new StorageException(StorageErrorCode.DataCorrupted, "An object's encryption envelope is damaged or of an unknown version.");

    /// <summary>The bytes after the fixed part (empty for SSE-S3 and SSE-C).</summary>
    public static ReadOnlySpan<byte> Trailer(byte[] envelope) => envelope.AsSpan(Size);

    /// <summary>Unwraps the data key; null when <paramref name="keyEncryptionKey"/> is not the one it was wrapped with.</summary>
    public static ObjectDataKey? TryOpen(byte[] envelope, ReadOnlySpan<byte> keyEncryptionKey)
    {
        ModeOf(envelope);
        byte[] dataKey = new byte[DataKeySize];
        try
        {
            using var aes = new AesGcm(keyEncryptionKey, EncryptedLayout.TagSize);
            aes.Decrypt(
                envelope.AsSpan(HeaderSize, WrapNonceSize), envelope.AsSpan(HeaderSize + WrapNonceSize, DataKeySize),
                envelope.AsSpan(HeaderSize + WrapNonceSize + DataKeySize, EncryptedLayout.TagSize), dataKey, AssociatedData(envelope));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return new ObjectDataKey(dataKey, envelope[2..6]);
    }

    private static byte[] AssociatedData(byte[] envelope) => [.. envelope.AsSpan(0, HeaderSize), .. envelope.AsSpan(Size)];
}
