namespace Nuage.Blobs;

/// <summary>A committed blob file found on disk, for the startup sweep.</summary>
public readonly record struct StoredBlobFile(Guid BlobId, DateTime LastWriteTimeUtc);
