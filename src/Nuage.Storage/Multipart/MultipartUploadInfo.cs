namespace Nuage.Storage.Multipart;

using Nuage.Storage.Objects;

/// <summary>An unfinished multipart upload. ChecksumAlgorithm is the x-amz-checksum-algorithm given at creation.</summary>
public sealed record MultipartUploadInfo(
    string Bucket,
    string Key,
    string UploadId,
    DateTimeOffset Initiated,
    ObjectAttributes Attributes,
    ChecksumAlgorithm? ChecksumAlgorithm,
    string Owner)
{
    /// <summary>How the upload's object will be encrypted; null in the clear.</summary>
    public Nuage.Storage.Encryption.ServerSideEncryption? Encryption { get; init; }
}
