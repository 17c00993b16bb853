namespace Nuage.Storage.Lifecycle;

using Nuage.Storage.Objects;

/// <summary>
/// Decides, from one bucket's version listing (keys in order, each key's versions newest first), which lifecycle
/// actions are due at <c>now</c> (AWS "Lifecycle configuration elements"): current versions past their Expiration,
/// noncurrent versions past NoncurrentDays counted from when they became noncurrent (the date of the next newer
/// version), beyond the NewerNoncurrentVersions newest ones, and delete markers left alone. Versions are fed one at
/// a time, so a key whose versions span listing pages is handled whole.
/// </summary>
internal sealed class LifecyclePlanner(LifecycleConfiguration configuration, DateTimeOffset now, TimeSpan day)
{
    private readonly List<LifecycleAction> _actions = [];
    private string? _key;
    private ObjectVersionSummary? _latest;
    private DateTimeOffset _newerLastModified;
    private int _noncurrentSeen;
    private int _kept;

    public IReadOnlyList<LifecycleAction> Actions => _actions;

    /// <summary>True when a rule that could act on <paramref name="version"/> filters on tags: read them first (one HEAD).</summary>
    public bool NeedsTags(ObjectVersionSummary version) =>
        !version.IsDeleteMarker
        && configuration.Rules.Any(r => r.Enabled && r.Filter.Tags.Count > 0 && r.Filter.Matches(version.Key, version.Size, r.Filter.Tags));

    /// <param name="tags">The version's tags when <see cref="NeedsTags"/> asked for them; null otherwise or when it has none.</param>
    public void Add(ObjectVersionSummary version, IReadOnlyDictionary<string, string>? tags)
    {
        if (version.Key != _key)
        {
            FinishKey();
            _key = version.Key;
            _latest = null;
            _noncurrentSeen = 0;
            _kept = 0;
        }

        if (version.IsLatest)
        {
            _latest = version;
            _kept++;
            if (!version.IsDeleteMarker
                && configuration.CurrentExpiry(version.Key, version.Size, tags, version.LastModified, day) is { } due
                && due.Expiry <= now)
            {
                _actions.Add(new LifecycleAction.ExpireCurrent(version.Key, version.VersionId, version.LastModified));
            }
        }
        else
        {
            _noncurrentSeen++;
            if (NoncurrentExpired(version, tags, _newerLastModified, _noncurrentSeen))
            {
                _actions.Add(new LifecycleAction.RemoveNoncurrent(version.Key, version.VersionId));
            }
            else
            {
                _kept++;
            }
        }

        _newerLastModified = version.LastModified;
    }

    /// <summary>Ends the listing: the last key's delete marker is decided.</summary>
    public void Finish() => FinishKey();

    private void FinishKey()
    {
        // A delete marker left alone goes with ExpiredObjectDeleteMarker, or once it is as old as an age-based
        // Expiration ("When you specify the Days tag, Amazon S3 automatically performs ExpiredObjectDeleteMarker
        // cleanup when the delete markers are old enough to satisfy the age criteria").
        if (_latest is { IsDeleteMarker: true } marker && _kept == 1
            && configuration.Rules.Any(r => r.Enabled && r.Filter.Matches(marker.Key, 0, null)
                && (r.ExpiredObjectDeleteMarker || r.ExpiryOf(marker.LastModified, day) <= now)))
        {
            _actions.Add(new LifecycleAction.RemoveExpiredMarker(marker.Key, marker.VersionId));
        }
    }

    private bool NoncurrentExpired(ObjectVersionSummary version, IReadOnlyDictionary<string, string>? tags, DateTimeOffset becameNoncurrent, int position)
    {
        foreach (var rule in configuration.Rules)
        {
            if (rule.Enabled && rule.NoncurrentDays is { } days && becameNoncurrent + (day * days) <= now
                && position > (rule.NewerNoncurrentVersions ?? 0)
                && rule.Filter.Matches(version.Key, version.Size, tags))
            {
                return true;
            }
        }

        return false;
    }
}
