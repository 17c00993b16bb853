namespace Nuage.Storage.Objects;

/// <summary>
/// Outcome for one key of DeleteObject/DeleteObjects. Error is null on success (deleting a missing key or version
/// succeeds). VersionId is the version the request named. DeleteMarker is true when the delete created a delete
/// marker (versioned bucket, no version id) or removed one, and DeleteMarkerVersionId is that marker's id (AWS
/// DeleteObject x-amz-delete-marker / x-amz-version-id, DeleteObjects DeleteMarker / DeleteMarkerVersionId).
/// </summary>
public sealed record DeleteObjectResult(string Key, string? VersionId, StorageErrorCode? Error = null, string? ErrorMessage = null)
{
    public bool DeleteMarker { get; init; }

    public string? DeleteMarkerVersionId { get; init; }
}
