namespace Nuage.Metadata;

/// <summary>An uploaded part: its bytes are the whole of blob <see cref="BlobId"/>.</summary>
public sealed record PartRow(
    string UploadId,
    int PartNumber,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    StoredChecksum? Checksum,
    Guid BlobId);
