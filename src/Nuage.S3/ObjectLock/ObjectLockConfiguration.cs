using Nuage.Storage.Objects;

namespace Nuage.S3.ObjectLock;

/// <summary>
/// A bucket's Object Lock configuration (S3 API reference, ObjectLockConfiguration): enabled, with an optional
/// default retention of <see cref="Days"/> or <see cref="Years"/> in <see cref="Mode"/> applied to new versions
/// written without x-amz-object-lock-* headers.
/// </summary>
public sealed record ObjectLockConfiguration(ObjectLockMode? Mode, int? Days, int? Years)
{
    public static readonly ObjectLockConfiguration EnabledWithoutDefault = new(null, null, null);

    /// <summary>The retain-until date of the default retention for a version written at <paramref name="now"/>; null without one.</summary>
    public DateTimeOffset? DefaultRetainUntil(DateTimeOffset now) =>
        Mode is null ? null : Days is { } days ? now.AddDays(days) : Years is { } years ? now.AddYears(years) : null;
}
