namespace Nuage.Storage.Encryption;

using System.Security.Cryptography;

/// <summary>
/// An SSE-C key as the client sent it (x-amz-server-side-encryption-customer-key, 256 bits). Held for the request
/// only: storage keeps nothing from which it could be recovered (docs/encryption.md).
/// </summary>
public sealed class CustomerKey
{
    public const int Length = 32;

    private readonly byte[] _key;

    public CustomerKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length)
        {
            throw new ArgumentException($"An SSE-C key is {Length} bytes.", nameof(key));
        }

        _key = key.ToArray();
        KeyMd5 = Convert.ToBase64String(MD5.HashData(_key));
    }

    /// <summary>Base64 MD5 of the key, echoed in x-amz-server-side-encryption-customer-key-MD5.</summary>
    public string KeyMd5 { get; }

    internal ReadOnlySpan<byte> Bytes => _key;
}
