namespace Nuage.Storage.Commits;

/// <summary>
/// What a delete did to the key's versions: whether it created a delete marker, or removed one (AWS answers both
/// with x-amz-delete-marker: true), and that marker's version id.
/// </summary>
internal readonly record struct DeleteOutcome(bool DeleteMarker, string? DeleteMarkerVersionId);
