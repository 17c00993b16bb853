namespace Nuage.Storage.Multipart;

using Nuage.Storage.Objects;

/// <summary>
/// Multipart uploads (AWS "Uploading and copying objects using multipart upload"). Parts are stored as immutable
/// blobs; completion commits the object in one transaction whose manifest points at the chosen parts' blobs, so
/// it is atomic and copies no bytes. Parts not named at completion, and all parts of an aborted upload, are
/// reclaimed by the collector.
/// </summary>
public interface IMultipartService
{
    /// <summary>
    /// Starts an upload. With <paramref name="checksumAlgorithm"/> every part gets that checksum, and the object the
    /// combination chosen by <paramref name="checksumType"/> (S3's default when null: COMPOSITE, FULL_OBJECT for
    /// CRC64NVME). A type the algorithm does not have, or a type without an algorithm, is InvalidRequest.
    /// </summary>
    Task<MultipartUploadInfo> CreateMultipartUploadAsync(
        string bucket, string key, ObjectAttributes attributes, ChecksumAlgorithm? checksumAlgorithm, CancellationToken cancellationToken,
        ObjectAccess? access = null, ChecksumType? checksumType = null, Nuage.Storage.Encryption.EncryptionRequest? encryption = null);

    /// <summary>Stores part <paramref name="partNumber"/> (1..10000), replacing an earlier part of that number.</summary>
    Task<PartInfo> UploadPartAsync(
        string bucket, string key, string uploadId, int partNumber, Stream body, long? contentLength,
        byte[]? contentMd5, ChecksumInput? checksum, CancellationToken cancellationToken,
        Nuage.Storage.Encryption.CustomerKey? customerKey = null, Nuage.Storage.Encryption.Kms.KmsUseCheck? kmsCheck = null);

    /// <summary>
    /// UploadPartCopy: the part's bytes come from a source object (a range of it when given). An SSE-C upload needs
    /// its key (<paramref name="customerKey"/>), an SSE-C source its own (<paramref name="sourceCustomerKey"/>).
    /// </summary>
    Task<PartInfo> UploadPartCopyAsync(
        string bucket, string key, string uploadId, int partNumber,
        string sourceBucket, string sourceKey, string? sourceVersionId, ByteRange? range, ReadConditions sourceConditions,
        CancellationToken cancellationToken, Nuage.Storage.Encryption.CustomerKey? customerKey = null,
        Nuage.Storage.Encryption.CustomerKey? sourceCustomerKey = null, Nuage.Storage.Encryption.Kms.KmsUseCheck? kmsCheck = null);

    /// <summary>
    /// Completes the upload. Parts must be in ascending order (InvalidPartOrder), exist with matching ETags
    /// (InvalidPart), and all but the last be at least 5 MiB (EntityTooSmall). The ETag is
    /// hex(md5(concatenated binary part MD5s)) + "-" + count. Retried after it succeeded, while the object it wrote
    /// is still the key's current one, it returns that object again (same ETag and checksum), as AWS does; an upload
    /// that was aborted, or whose object has since been replaced or deleted, is NoSuchUpload.
    /// </summary>
    Task<ObjectInfo> CompleteMultipartUploadAsync(
        string bucket, string key, string uploadId, IReadOnlyList<CompletedPart> parts, WriteCondition? condition,
        CancellationToken cancellationToken) =>
        CompleteMultipartUploadAsync(bucket, key, uploadId, parts, condition, null, cancellationToken);

    /// <summary>
    /// As above, and when <paramref name="expectedChecksum"/> is given (an x-amz-checksum-* header sent with the
    /// completion) it must equal the object's checksum, a composite one with or without its "-N" suffix, or the upload
    /// is not completed (ChecksumMismatch). So must <paramref name="expectedType"/> (x-amz-checksum-type) equal the
    /// upload's type (ChecksumMismatch), and <paramref name="expectedSize"/> (x-amz-mp-object-size) the object's size
    /// (InvalidRequest). A FULL_OBJECT checksum is combined from the parts' CRCs without reading their data.
    /// </summary>
    Task<ObjectInfo> CompleteMultipartUploadAsync(
        string bucket, string key, string uploadId, IReadOnlyList<CompletedPart> parts, WriteCondition? condition,
        ObjectChecksum? expectedChecksum, CancellationToken cancellationToken, ChecksumType? expectedType = null,
        long? expectedSize = null);

    Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>The upload (its owner, the account that initiated it). Throws NoSuchUpload.</summary>
    Task<MultipartUploadInfo> GetUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken);

    Task<PartsPage> ListPartsAsync(
        string bucket, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken);

    Task<UploadsPage> ListMultipartUploadsAsync(
        string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads,
        CancellationToken cancellationToken);
}
