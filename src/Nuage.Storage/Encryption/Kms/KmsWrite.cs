namespace Nuage.Storage.Encryption.Kms;

/// <summary>
/// An SSE-KMS write as the S3 door resolved it: the key (already found, enabled, and usable by the caller), whether
/// an S3 Bucket Key is used, and the full encryption context, S3's aws:s3:arn pair included ("Encryption context",
/// Amazon S3 user guide: the object's ARN, or the bucket's ARN when a Bucket Key is used).
/// </summary>
public sealed record KmsWrite(KmsKey Key, string Bucket, bool BucketKeyEnabled, IReadOnlyDictionary<string, string> Context);
