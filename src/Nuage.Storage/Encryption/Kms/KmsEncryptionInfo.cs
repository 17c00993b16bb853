namespace Nuage.Storage.Encryption.Kms;

/// <summary>
/// What an SSE-KMS object (or upload) records of its key, read from its envelope without unwrapping anything: the
/// key's ARN, whether an S3 Bucket Key protects it, and its encryption context (canonical JSON), which S3 answers in
/// x-amz-server-side-encryption-aws-kms-key-id, -bucket-key-enabled and -context.
/// </summary>
public sealed record KmsEncryptionInfo(string KeyArn, bool BucketKeyEnabled, string ContextJson);
