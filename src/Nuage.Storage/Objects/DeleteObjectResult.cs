namespace Nuage.Storage.Objects;

/// <summary>Outcome for one key of DeleteObject/DeleteObjects. Error is null on success (deleting a missing key succeeds).</summary>
public sealed record DeleteObjectResult(string Key, string? VersionId, StorageErrorCode? Error = null, string? ErrorMessage = null);
