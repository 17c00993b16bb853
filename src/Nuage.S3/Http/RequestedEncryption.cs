using Nuage.Storage.Encryption;

namespace Nuage.S3.Http;

/// <summary>
/// The encryption a write asks for, from its headers or its bucket's default, before an SSE-KMS key is looked up:
/// the mode, the SSE-C key, and for SSE-KMS the key as named (null: the account's aws/s3 key), whether an S3 Bucket
/// Key is used, and the caller's additional encryption context.
/// </summary>
public sealed record RequestedEncryption(
    ServerSideEncryption Mode,
    CustomerKey? CustomerKey = null,
    string? KmsKeyId = null,
    bool BucketKeyEnabled = false,
    IReadOnlyDictionary<string, string>? Context = null)
{
    public static readonly RequestedEncryption S3Managed = new(ServerSideEncryption.S3ManagedKey);
}
