namespace Nuage.Storage.Objects;

/// <summary>
/// A version's retention (mode and retain-until date, both or neither) and legal hold. While the retention date is
/// in the future, or the legal hold is on, the version cannot be removed (AWS "Locking objects with Object Lock").
/// </summary>
public sealed record ObjectLockState(ObjectLockMode? Mode, DateTimeOffset? RetainUntil, bool LegalHold)
{
    public static readonly ObjectLockState None = new(null, null, false);

    /// <summary>True while the retention protects the version at <paramref name="now"/>.</summary>
    public bool IsRetainedAt(DateTimeOffset now) => Mode is not null && RetainUntil is { } until && until > now;
}
