namespace Nuage.Storage.Objects;

/// <summary>
/// One key of a DeleteObject(s) request: the version to remove (null: the current one) and, for a conditional delete,
/// the If-Match value ("*": the object must exist; an ETag: the current object must have it), decided in the commit
/// transaction (AWS "How to perform conditional deletes").
/// </summary>
public sealed record ObjectDeletion(string Key, string? VersionId = null, string? IfMatch = null)
{
    /// <summary>
    /// x-amz-bypass-governance-retention: true, from a caller the front door allowed s3:BypassGovernanceRetention:
    /// a version under GOVERNANCE retention may then be removed (never one under COMPLIANCE or a legal hold).
    /// </summary>
    public bool BypassGovernance { get; init; }
}
