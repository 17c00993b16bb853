using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// One key's outcome in a DeleteResult: Deleted when Error is null, else an Error element with its code. A delete
/// that created or removed a delete marker reports DeleteMarker and DeleteMarkerVersionId (DeleteObjects, DeletedObject).
/// </summary>
public sealed record DeleteResultEntry(string Key, string? VersionId, S3Error? Error = null, string? Message = null)
{
    public bool DeleteMarker { get; init; }

    public string? DeleteMarkerVersionId { get; init; }
}
