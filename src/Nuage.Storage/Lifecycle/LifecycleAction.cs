namespace Nuage.Storage.Lifecycle;

/// <summary>
/// One change a lifecycle pass decided from a listing, applied afterwards in its own unit of work, where it is
/// checked again against the key's state at that moment (a write that came in between wins).
/// </summary>
internal abstract record LifecycleAction(string Key, string VersionId)
{
    /// <summary>Expire the current version (a delete without version id), if it is still the one listed.</summary>
    public sealed record ExpireCurrent(string Key, string VersionId, DateTimeOffset LastModified) : LifecycleAction(Key, VersionId);

    /// <summary>Remove a noncurrent version for good (NoncurrentVersionExpiration); Object Lock may refuse it.</summary>
    public sealed record RemoveNoncurrent(string Key, string VersionId) : LifecycleAction(Key, VersionId);

    /// <summary>Remove a delete marker left with no other version (ExpiredObjectDeleteMarker).</summary>
    public sealed record RemoveExpiredMarker(string Key, string VersionId) : LifecycleAction(Key, VersionId);
}
