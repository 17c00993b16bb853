namespace Nuage.Storage.Maintenance;

/// <summary>What one collector pass did.</summary>
public readonly record struct CollectionResult(int BlobsDeleted, int UploadsAborted);
