namespace Nuage.Storage.Maintenance;

/// <summary>What the startup sweep removed.</summary>
public readonly record struct SweepResult(int TemporaryFilesDeleted, int OrphanBlobsDeleted);
