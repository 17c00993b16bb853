namespace Nuage.Storage.Encryption.Kms;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// Seals a KMS key's 256-bit material under the data directory's master key (AES-256-GCM) before it reaches the
/// metadata store, with the key id and version as associated data: a sealed material copied onto another key, or
/// another version, fails to open instead of silently becoming that key.
/// </summary>
internal static class KmsMaterialSeal
{
    private const int NonceSize = 12;
    public const int MaterialSize = 32;

    public static string Seal(ReadOnlySpan<byte> master, string keyId, int version, ReadOnlySpan<byte> material)
    {
        var sealedBytes = new byte[NonceSize + MaterialSize + EncryptedLayout.TagSize];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceSize));
        using var aes = new AesGcm(master, EncryptedLayout.TagSize);
        aes.Encrypt(
            sealedBytes.AsSpan(0, NonceSize), material, sealedBytes.AsSpan(NonceSize, MaterialSize),
            sealedBytes.AsSpan(NonceSize + MaterialSize), AssociatedData(keyId, version));
        return Convert.ToBase64String(sealedBytes);
    }

    public static byte[] Open(ReadOnlySpan<byte> master, string keyId, int version, string sealedBase64)
    {
        var sealedBytes = Convert.FromBase64String(sealedBase64);
        if (sealedBytes.Length != NonceSize + MaterialSize + EncryptedLayout.TagSize)
        {
            throw new InvalidDataException($"The sealed material of KMS key {keyId} version {version} has the wrong length.");
        }

        var material = new byte[MaterialSize];
        try
        {
            using var aes = new AesGcm(master, EncryptedLayout.TagSize);
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, MaterialSize),
                sealedBytes.AsSpan(NonceSize + MaterialSize), material, AssociatedData(keyId, version));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidDataException($"KMS key {keyId} version {version} does not open with this data directory's master key (encryption.key replaced?).", e);
        }

        return material;
    }

    private static byte[] AssociatedData(string keyId, int version) =>
        Encoding.UTF8.GetBytes($"nuage-kms-material-v1:{keyId}:{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
