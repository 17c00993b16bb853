namespace Nuage.Storage.Encryption;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nuage.Storage.Encryption.Kms;

/// <summary>
/// The key-encryption keys of server-side encryption: the master key of DATA/encryption.key for SSE-S3, for SSE-C a
/// key derived from the customer's key (HKDF-SHA256), which exists only for the request that brings it, and for
/// SSE-KMS a material version of a key of <see cref="KmsKeyRing"/> (or, with an S3 Bucket Key, a key derived from it
/// for the bucket).
/// Also the single place that decides whether a read or an upload part brings the key its object needs, with the
/// answers AWS gives ("Using server-side encryption with customer-provided keys (SSE-C)").
/// </summary>
public sealed class EncryptionKeys
{
    private static readonly byte[] CustomerLabel = "nuage-sse-c-kek-v1"u8.ToArray();

    private static readonly byte[] BucketKeyLabel = "nuage-s3-bucket-key-v1:"u8.ToArray();

    private readonly byte[] _master;
    private readonly KmsKeyRing? _kms;

    /// <summary>Reads the master key, creating it (0600) on first start. Without <paramref name="kms"/>, SSE-KMS is refused.</summary>
    public EncryptionKeys(string dataDirectory, KmsKeyRing? kms = null)
    {
        _master = MasterKeyFile.LoadOrCreate(dataDirectory);
        _kms = kms;
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

        if (request.Mode == ServerSideEncryption.KmsKey)
        {
            return ForKmsWrite(request.Kms ?? throw new ArgumentException("SSE-KMS needs its resolved key.", nameof(request)));
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

        if (mode == ServerSideEncryption.KmsKey)
        {
            return customerKey is not null ? throw NotApplicable() : OpenKms(envelope);
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

    /// <summary>
    /// Checks the SSE-C key a HEAD brings (or must bring) without keeping the data key. Nothing else is unwrapped: a
    /// HEAD reads no data, so it needs neither the master key nor a KMS key, and answers even while that key is disabled.
    /// </summary>
    internal void Verify(byte[]? envelope, CustomerKey? customerKey)
    {
        if (customerKey is not null || (envelope is not null && EncryptionEnvelope.ModeOf(envelope) == ServerSideEncryption.CustomerKey))
        {
            ForRead(envelope, customerKey)?.Dispose();
        }
    }

    internal static ServerSideEncryption? ModeOf(byte[]? envelope) => envelope is null ? null : EncryptionEnvelope.ModeOf(envelope);

    /// <summary>The key, Bucket Key flag and context an SSE-KMS envelope records; null for anything else.</summary>
    internal static KmsEncryptionInfo? KmsInfoOf(byte[]? envelope)
    {
        if (envelope is null || EncryptionEnvelope.ModeOf(envelope) != ServerSideEncryption.KmsKey)
        {
            return null;
        }

        var trailer = KmsEnvelopeTrailer.Decode(EncryptionEnvelope.Trailer(envelope));
        return new KmsEncryptionInfo(trailer.KeyArn, trailer.BucketKey, trailer.ContextJson);
    }

    private WriteEncryption ForKmsWrite(KmsWrite write)
    {
        var kms = _kms ?? throw new StorageException(StorageErrorCode.InvalidRequest, "SSE-KMS is not available on this server.");
        var (material, version) = kms.CurrentMaterial(write.Key.KeyId);
        string scope = write.BucketKeyEnabled ? BucketArn(write.Bucket) : string.Empty;
        var trailer = new KmsEnvelopeTrailer(version, write.BucketKeyEnabled, write.Key.Arn, scope, CanonicalContext(write.Context));
        byte[] kek = KmsKeyEncryptionKey(material, scope);
        try
        {
            var (envelope, key) = EncryptionEnvelope.Create(ServerSideEncryption.KmsKey, kek, trailer.Encode());
            return new WriteEncryption(envelope, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    private ObjectDataKey OpenKms(byte[] envelope)
    {
        var kms = _kms ?? throw new StorageException(StorageErrorCode.InvalidRequest, "SSE-KMS is not available on this server.");
        var trailer = KmsEnvelopeTrailer.Decode(EncryptionEnvelope.Trailer(envelope));
        byte[] kek = KmsKeyEncryptionKey(kms.Material(trailer.KeyId, trailer.MaterialVersion), trailer.Scope);
        try
        {
            return EncryptionEnvelope.TryOpen(envelope, kek)
                ?? throw new StorageException(StorageErrorCode.DataCorrupted, "An SSE-KMS data key does not open with the key material its envelope names.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>
    /// The key that wraps an SSE-KMS data key: the KMS key's material itself, or with an S3 Bucket Key a key derived
    /// from it for the bucket (HKDF-SHA256 over the bucket's ARN), the same for every object of the bucket under that
    /// material version, as S3 Bucket Keys are ("Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys").
    /// </summary>
    private static byte[] KmsKeyEncryptionKey(byte[] material, string scope)
    {
        var kek = new byte[32];
        if (scope.Length == 0)
        {
            material.CopyTo(kek, 0);
            return kek;
        }

        HKDF.DeriveKey(HashAlgorithmName.SHA256, material, kek, salt: [], info: [.. BucketKeyLabel, .. Encoding.UTF8.GetBytes(scope)]);
        return kek;
    }

    internal static string BucketArn(string bucket) => "arn:aws:s3:::" + bucket;

    /// <summary>The context as stored and answered: a JSON object with its pairs in ordinal key order.</summary>
    private static string CanonicalContext(IReadOnlyDictionary<string, string> context) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(context.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal));

    private static byte[] CustomerKeyEncryptionKey(CustomerKey key)
    {
        var kek = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes, kek, salt: [], info: CustomerLabel);
        return kek;
    }

    private static StorageException NotApplicable() =>
        new(StorageErrorCode.InvalidRequest, "The encryption parameters are not applicable to this object.");
}
