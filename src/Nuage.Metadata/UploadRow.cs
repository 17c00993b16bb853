namespace Nuage.Metadata;

/// <summary>An unfinished multipart upload. ChecksumAlgorithm is the algorithm name given at creation, if any.</summary>
public sealed record UploadRow(
    string UploadId,
    string Bucket,
    string Key,
    DateTimeOffset Initiated,
    string Owner,
    StoredAttributes Attributes,
    string? ChecksumAlgorithm);
