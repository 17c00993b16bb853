namespace Nuage.Storage.Multipart;

using Nuage.Storage.Objects;

/// <summary>
/// An unfinished multipart upload. ChecksumAlgorithm is the x-amz-checksum-algorithm given at creation, ChecksumType
/// how the object's checksum will be made from the parts (set exactly when ChecksumAlgorithm is).
/// </summary>
public sealed record MultipartUploadInfo(
    string Bucket,
    string Key,
    string UploadId,
    DateTimeOffset Initiated,
    ObjectAttributes Attributes,
    ChecksumAlgorithm? ChecksumAlgorithm,
    string Owner,
    ChecksumType? ChecksumType = null)
{
    /// <summary>How the upload's object will be encrypted; null in the clear.</summary>
    public Nuage.Storage.Encryption.ServerSideEncryption? Encryption { get; init; }

    /// <summary>For SSE-KMS: the key's ARN, the Bucket Key flag and the encryption context; null otherwise.</summary>
    public Nuage.Storage.Encryption.Kms.KmsEncryptionInfo? Kms { get; init; }
}
