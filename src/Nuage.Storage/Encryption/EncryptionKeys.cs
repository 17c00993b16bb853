namespace Nuage.Storage.Encryption;

using System.Security.Cryptography;

/// <summary>
/// The key-encryption keys of server-side encryption: the master key of DATA/encryption.key for SSE-S3, and for
/// SSE-C a key derived from the customer's key (HKDF-SHA256), which exists only for the request that brings it.
/// Also the single place that decides whether a read or an upload part brings the key its object needs, with the
/// answers AWS gives ("Using server-side encryption with customer-provided keys (SSE-C)").
/// </summary>
public sealed class EncryptionKeys
{
    private static readonly byte[] CustomerLabel = "nuage-sse-c-kek-v1"u8.ToArray();

    private readonly byte[] _master;

    /// <summary>Reads the master key, creating it (0600) on first start.</summary>
    public EncryptionKeys(string dataDirectory)
    {
        _master = MasterKeyFile.LoadOrCreate(dataDirectory);
    }

    /// <summary>A new data key for a write, or null for a write in the clear.</summary>
    internal WriteEncryption? ForWrite(EncryptionRequest? request)
    {
        if (request is null)
        {
            return null;
        }

        if (request.Mode == ServerSideEncryption.CustomerKey)
        {
            var customer = request.Key ?? throw new ArgumentException("SSE-C needs the customer's key.", nameof(request));
            byte[] kek = CustomerKeyEncryptionKey(customer);
            try
            {
                var (envelope, key) = EncryptionEnvelope.Create(request.Mode, kek);
                return new WriteEncryption(envelope, key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(kek);
            }
        }

        var (masterEnvelope, dataKey) = EncryptionEnvelope.Create(request.Mode, _master);
        return new WriteEncryption(masterEnvelope, dataKey);
    }

    /// <summary>
    /// The data key to read (or add parts to) what <paramref name="envelope"/> protects; null when it is stored in
    /// the clear. An SSE-C object read without its key is InvalidRequest (400), with another key AccessDenied (403);
    /// customer key headers on anything else are InvalidRequest, as AWS answers them.
    /// </summary>
    internal ObjectDataKey? ForRead(byte[]? envelope, CustomerKey? customerKey)
    {
        if (envelope is null)
        {
            return customerKey is null ? null : throw NotApplicable();
        }

        var mode = EncryptionEnvelope.ModeOf(envelope);
        if (mode == ServerSideEncryption.S3ManagedKey)
        {
            return customerKey is not null
                ? throw NotApplicable()
                : EncryptionEnvelope.TryOpen(envelope, _master)
                    ?? throw new StorageException(StorageErrorCode.DataCorrupted, "An SSE-S3 data key does not open with this server's master key (encryption.key replaced?).");
        }

        if (customerKey is null)
        {
            throw new StorageException(
                StorageErrorCode.InvalidRequest,
                "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.");
        }

        byte[] kek = CustomerKeyEncryptionKey(customerKey);
        try
        {
            return EncryptionEnvelope.TryOpen(envelope, kek)
                ?? throw new StorageException(StorageErrorCode.WrongCustomerKey, "The provided customer key does not match the key the object was encrypted with.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>Checks the key a HEAD brings without keeping the data key.</summary>
    internal void Verify(byte[]? envelope, CustomerKey? customerKey) => ForRead(envelope, customerKey)?.Dispose();

    internal static ServerSideEncryption? ModeOf(byte[]? envelope) => envelope is null ? null : EncryptionEnvelope.ModeOf(envelope);

    private static byte[] CustomerKeyEncryptionKey(CustomerKey key)
    {
        var kek = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes, kek, salt: [], info: CustomerLabel);
        return kek;
    }

    private static StorageException NotApplicable() =>
        new(StorageErrorCode.InvalidRequest, "The encryption parameters are not applicable to this object.");
}
