namespace Nuage.Storage.Objects;

/// <summary>
/// Conditional write (If-Match / If-None-Match: * on PutObject and CompleteMultipartUpload). Decided inside the
/// commit transaction (DESIGN.md invariant 8), so two racing writers cannot both pass.
/// </summary>
public sealed record WriteCondition(string? IfMatchETag, bool IfNoneMatchAny);
