namespace Nuage.Storage.Encryption;

/// <summary>
/// What a write asks for: SSE-S3, SSE-C with the customer's key, or SSE-KMS with the key the S3 door resolved (each
/// required exactly with its mode). Absent (null) means the object is stored in the clear; the S3 door has already
/// applied the bucket's default encryption.
/// </summary>
public sealed record EncryptionRequest(ServerSideEncryption Mode, CustomerKey? Key = null, Kms.KmsWrite? Kms = null)
{
    public static readonly EncryptionRequest S3Managed = new(ServerSideEncryption.S3ManagedKey);

    public static EncryptionRequest Customer(CustomerKey key) => new(ServerSideEncryption.CustomerKey, key);

    public static EncryptionRequest KmsManaged(Kms.KmsWrite write) => new(ServerSideEncryption.KmsKey, Kms: write);
}
