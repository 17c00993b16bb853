using System.Security.Cryptography;

namespace Nuage.Iam.Secrets;

/// <summary>
/// Seals secret access keys for the metadata store with AES-256-GCM under a key kept in DATA/identity.key (0600,
/// created on first start): the database alone (a backup, a copied file) reveals no secret. The access key id is
/// the associated data, so a sealed secret moved to another key's row does not open.
/// Sealed form: version (1 byte) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class SecretSealer : IDisposable
{
    public const string FileName = "identity.key";
    private const byte Version = 1;
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly AesGcm _aes;
    private readonly byte[] _key;

    private SecretSealer(byte[] key)
    {
        _key = key;
        _aes = new AesGcm(key, TagBytes);
    }

    /// <summary>Reads DATA/identity.key, or creates it with a random key (mode 0600, fsynced, renamed into place).</summary>
    public static SecretSealer LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            OwnerOnlyFile.WriteNew(path, RandomNumberGenerator.GetBytes(KeyBytes));
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != KeyBytes)
        {
            throw new InvalidOperationException($"{path} must hold exactly {KeyBytes} bytes; it holds {key.Length}. Restore it from a backup: without it no stored access key can be used.");
        }

        return new SecretSealer(key);
    }

    /// <summary>
    /// A sealer with a key derived from this one for another purpose (HKDF-SHA256, RFC 5869, with
    /// <paramref name="purpose"/> as info): what one purpose seals, another does not open, and no second key file
    /// has to be kept and backed up. STS session tokens use it.
    /// </summary>
    public SecretSealer Derive(string purpose) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, KeyBytes, info: System.Text.Encoding.UTF8.GetBytes(purpose)));

    /// <summary>
    /// A sealer whose key every holder of <paramref name="sharedSecret"/> derives alike (HKDF-SHA256 with
    /// <paramref name="purpose"/> as info): the regions of a federation, which share the operator root key, seal
    /// access key secrets with it for the identity feed, and STS session tokens so that one region's token opens in
    /// every other (docs/regions.md, "Identities").
    /// </summary>
    public static SecretSealer FromSharedSecret(string sharedSecret, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(sharedSecret);
        return new(HKDF.DeriveKey(
            HashAlgorithmName.SHA256, System.Text.Encoding.UTF8.GetBytes(sharedSecret), KeyBytes,
            info: System.Text.Encoding.UTF8.GetBytes(purpose)));
    }

    public byte[] Seal(string accessKeyId, string secret)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(secret);
        var sealedSecret = new byte[1 + NonceBytes + TagBytes + plain.Length];
        sealedSecret[0] = Version;
        var nonce = sealedSecret.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, plain, sealedSecret.AsSpan(1 + NonceBytes + TagBytes), sealedSecret.AsSpan(1 + NonceBytes, TagBytes),
            System.Text.Encoding.UTF8.GetBytes(accessKeyId));
        return sealedSecret;
    }

    public string Open(string accessKeyId, byte[] sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        if (sealedSecret.Length < 1 + NonceBytes + TagBytes || sealedSecret[0] != Version)
        {
            throw new CryptographicException($"The stored secret of {accessKeyId} is not in a known sealed format.");
        }

        var plain = new byte[sealedSecret.Length - 1 - NonceBytes - TagBytes];
        _aes.Decrypt(sealedSecret.AsSpan(1, NonceBytes), sealedSecret.AsSpan(1 + NonceBytes + TagBytes),
            sealedSecret.AsSpan(1 + NonceBytes, TagBytes), plain, System.Text.Encoding.UTF8.GetBytes(accessKeyId));
        return System.Text.Encoding.UTF8.GetString(plain);
    }

    public void Dispose() => _aes.Dispose();
}
