namespace Nuage.Storage.Encryption;

/// <summary>
/// How an object version is encrypted at rest (AWS "Protecting data with server-side encryption"). The S3 door
/// answers x-amz-server-side-encryption: AES256 for <see cref="S3ManagedKey"/> and the
/// x-amz-server-side-encryption-customer-* headers for <see cref="CustomerKey"/>, aws:kms and the key's ARN for
/// <see cref="KmsKey"/>.
/// </summary>
public enum ServerSideEncryption
{
    /// <summary>SSE-S3: the data key is wrapped by the server's master key.</summary>
    S3ManagedKey = 1,

    /// <summary>SSE-C: the data key is wrapped by a key derived from the customer's key, which is never stored.</summary>
    CustomerKey = 2,

    /// <summary>SSE-KMS: the data key is wrapped by a key of Nuage's key store (<see cref="Kms.KmsKeyRing"/>).</summary>
    KmsKey = 3,
}
