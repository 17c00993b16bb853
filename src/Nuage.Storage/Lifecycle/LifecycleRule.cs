namespace Nuage.Storage.Lifecycle;

/// <summary>
/// One lifecycle rule (S3 API reference, LifecycleRule) with the actions Nuage applies: Expiration of current
/// versions (Days after creation, or a Date; or ExpiredObjectDeleteMarker), NoncurrentVersionExpiration
/// (NoncurrentDays after becoming noncurrent, keeping NewerNoncurrentVersions), AbortIncompleteMultipartUpload
/// (DaysAfterInitiation). Only Enabled rules act.
/// </summary>
public sealed record LifecycleRule(string? Id, bool Enabled, LifecycleFilter Filter)
{
    public int? ExpirationDays { get; init; }

    public DateTimeOffset? ExpirationDate { get; init; }

    public bool ExpiredObjectDeleteMarker { get; init; }

    public int? NoncurrentDays { get; init; }

    public int? NewerNoncurrentVersions { get; init; }

    public int? AbortIncompleteUploadDays { get; init; }

    /// <summary>
    /// When a current version written at <paramref name="lastModified"/> expires under this rule, or null when the
    /// rule does not expire current versions. AWS counts days from creation and rounds the result up to the next
    /// midnight UTC ("Lifecycle rules: based on an object's age"); with a test day length that is not a whole day,
    /// no rounding is done.
    /// </summary>
    public DateTimeOffset? ExpiryOf(DateTimeOffset lastModified, TimeSpan day)
    {
        if (ExpirationDate is { } date)
        {
            return date;
        }

        if (ExpirationDays is not { } days)
        {
            return null;
        }

        var expiry = lastModified + (day * days);
        return day == TimeSpan.FromDays(1) && expiry.UtcDateTime.TimeOfDay != TimeSpan.Zero
            ? new DateTimeOffset(expiry.UtcDateTime.Date.AddDays(1), TimeSpan.Zero)
            : expiry;
    }
}
