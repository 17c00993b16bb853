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
    string Owner);
