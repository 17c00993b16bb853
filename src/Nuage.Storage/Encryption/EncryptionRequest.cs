namespace Nuage.Storage.Encryption;

/// <summary>
/// What a write asks for: SSE-S3, or SSE-C with the customer's key (required exactly then). Absent (null) means
/// the object is stored in the clear; the S3 door has already applied the bucket's default encryption.
/// </summary>
public sealed record EncryptionRequest(ServerSideEncryption Mode, CustomerKey? Key = null)
{
    public static readonly EncryptionRequest S3Managed = new(ServerSideEncryption.S3ManagedKey);

    public static EncryptionRequest Customer(CustomerKey key) => new(ServerSideEncryption.CustomerKey, key);
}
