namespace Nuage.Metadata;

/// <summary>
/// One version's Object Lock state (AWS "Locking objects with Object Lock"): a retention mode (GOVERNANCE or
/// COMPLIANCE) with its retain-until date, and a legal hold. Mode and RetainUntil are both set or both null.
/// </summary>
public sealed record ObjectLockRow(string? Mode, DateTimeOffset? RetainUntil, bool LegalHold);
