namespace Nuage.Storage.Multipart;

using Nuage.Storage.Objects;

/// <summary>An uploaded part. ETag is the MD5 hex of the part's bytes, without quotes.</summary>
public sealed record PartInfo(int PartNumber, long Size, string ETag, DateTimeOffset LastModified, ObjectChecksum? Checksum)
{
    /// <summary>How the part was encrypted (its upload's mode), set by UploadPart and UploadPartCopy; null in the clear.</summary>
    public Nuage.Storage.Encryption.ServerSideEncryption? Encryption { get; init; }

    /// <summary>For SSE-KMS: the key's ARN, the Bucket Key flag and the encryption context; null otherwise.</summary>
    public Nuage.Storage.Encryption.Kms.KmsEncryptionInfo? Kms { get; init; }
}
