namespace Nuage.Metadata;

/// <summary>One blob of a manifest and its length in bytes (the blob's whole payload).</summary>
public readonly record struct BlobSegment(Guid BlobId, long Length);
