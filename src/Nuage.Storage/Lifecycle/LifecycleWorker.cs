namespace Nuage.Storage.Lifecycle;

using System.Collections.Specialized;
using Microsoft.Extensions.Logging;
using Nuage.Metadata;
using Nuage.Storage.Buckets;
using Nuage.Storage.Commits;
using Nuage.Storage.Internal;
using Nuage.Storage.Objects;

/// <summary>
/// Applies buckets' lifecycle rules in the background (AWS "Managing the lifecycle of objects"): every
/// <see cref="StorageOptions.LifecycleInterval"/> it walks each bucket that has a configuration, plans the due
/// actions from its version listing (<see cref="LifecyclePlanner"/>), then hands each to the commit path in a unit
/// of work that checks the key again, so a write that arrived since the listing is never expired by it. Object
/// Lock is honoured: a protected version is left and counted. Each pass that changed something is logged.
/// </summary>
public sealed partial class LifecycleWorker : IAsyncDisposable
{
    private readonly IMetadataStore _metadata;
    private readonly IObjectService _objects;
    private readonly StorageOptions _options;
    private readonly ILogger<LifecycleWorker> _logger;
    private const int PageSize = 1000;

    /// <summary>At most this many actions per bucket and pass; the rest wait for the next pass.</summary>
    private const int MaxActionsPerPass = 10_000;

    /// <summary>Actions applied per unit of work.</summary>
    private const int BatchSize = 100;

    private readonly Maintenance.PeriodicLoop _loop;

    private readonly Notifications.NotificationRecorder? _events;

    public LifecycleWorker(
        IMetadataStore metadata, IObjectService objects, StorageOptions options, ILogger<LifecycleWorker> logger,
        Notifications.NotificationRecorder? events = null)
    {
        _events = events;
        _metadata = metadata;
        _objects = objects;
        _options = options;
        _logger = logger;
        _loop = new Maintenance.PeriodicLoop(PassAsync, () => _options.LifecycleInterval);
    }

    public void Start() => _loop.Start();

    public Task StopAsync() => _loop.StopAsync();

    public async ValueTask DisposeAsync() => await _loop.DisposeAsync().ConfigureAwait(false);

    /// <summary>One pass over every bucket with a lifecycle configuration, at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<LifecyclePassResult>> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var results = new List<LifecyclePassResult>();
        foreach (var (bucket, json) in await _metadata.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, cancellationToken).ConfigureAwait(false))
        {
            LifecycleConfiguration configuration;
            try
            {
                configuration = LifecycleConfiguration.FromJson(json);
            }
            catch (System.Text.Json.JsonException ex)
            {
                LogUnreadable(_logger, bucket, ex.Message);
                continue;
            }

            var result = await RunBucketAsync(bucket, configuration, now, cancellationToken).ConfigureAwait(false);
            if (result.DidAnything)
            {
                LogPass(_logger, bucket, result.ExpiredObjects, result.RemovedNoncurrent, result.RemovedMarkers, result.AbortedUploads, result.Locked);
            }

            results.Add(result);
        }

        return results;
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed pass is retried at the next interval; the log says why.
            LogFailed(_logger, ex);
        }
    }

    private async Task<LifecyclePassResult> RunBucketAsync(string bucket, LifecycleConfiguration configuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var planner = new LifecyclePlanner(configuration, now, _options.LifecycleDay);
        if (configuration.Rules.Any(r => r.Enabled && (r.ExpirationDays is not null || r.ExpirationDate is not null || r.ExpiredObjectDeleteMarker || r.NoncurrentDays is not null)))
        {
            string? keyMarker = null;
            string? versionMarker = null;
            do
            {
                var page = await _objects.ListObjectVersionsAsync(
                    new ListObjectVersionsRequest(bucket, string.Empty, null, keyMarker, versionMarker, PageSize), cancellationToken).ConfigureAwait(false);
                foreach (var version in page.Versions)
                {
                    planner.Add(version, planner.NeedsTags(version) ? await TagsAsync(bucket, version, cancellationToken).ConfigureAwait(false) : null);
                }

                if (!page.IsTruncated || planner.Actions.Count >= MaxActionsPerPass)
                {
                    break;
                }

                (keyMarker, versionMarker) = (page.NextKeyMarker, page.NextVersionIdMarker);
            }
            while (true);

            planner.Finish();
        }

        var counts = new int[4];
        var actions = planner.Actions;
        for (int start = 0; start < actions.Count; start += BatchSize)
        {
            var batch = actions.Skip(start).Take(BatchSize).ToList();
            var applied = await _metadata.WriteAsync(tx => Apply(tx, bucket, batch), cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] += applied[i];
            }
        }

        int aborted = await AbortUploadsAsync(bucket, configuration, now, cancellationToken).ConfigureAwait(false);
        return new LifecyclePassResult(bucket, counts[0], counts[1], counts[2], aborted, counts[3]);
    }

    /// <summary>Applies a batch in one unit of work; returns expired, noncurrent removed, markers removed, locked.</summary>
    private int[] Apply(IMetadataTransaction tx, string bucket, List<LifecycleAction> batch)
    {
        var counts = new int[4];
        if (tx.GetBucket(bucket) is not { } row)
        {
            return counts;
        }

        foreach (var action in batch)
        {
            var latest = tx.GetObjectVersion(bucket, action.Key, null);
            var stamp = CommitStamp.Local(tx, _options.Region, row.Versioning);
            try
            {
                switch (action)
                {
                    case LifecycleAction.ExpireCurrent expire
                        when latest is { IsDeleteMarker: false } && latest.VersionId == expire.VersionId && latest.LastModified == expire.LastModified:
                        ObjectCommitPath.Delete(tx, row, action.Key, null, null, stamp, events: _events, byLifecycle: true);
                        counts[0]++;
                        break;
                    case LifecycleAction.RemoveNoncurrent when latest is not null && latest.VersionId != action.VersionId:
                        ObjectCommitPath.Delete(tx, row, action.Key, action.VersionId, null, stamp, events: _events, byLifecycle: true);
                        counts[1]++;
                        break;
                    case LifecycleAction.RemoveExpiredMarker
                        when latest is { IsDeleteMarker: true } && latest.VersionId == action.VersionId && !tx.KeyHasOlderVersions(bucket, action.Key):
                        ObjectCommitPath.Delete(tx, row, action.Key, action.VersionId, null, stamp, events: _events, byLifecycle: true);
                        counts[2]++;
                        break;
                }
            }
            catch (StorageException ex) when (ex.Code == StorageErrorCode.ObjectLocked)
            {
                counts[3]++;
            }
        }

        return counts;
    }

    private async Task<int> AbortUploadsAsync(string bucket, LifecycleConfiguration configuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rules = configuration.Rules.Where(r => r.Enabled && r.AbortIncompleteUploadDays is not null).ToList();
        if (rules.Count == 0)
        {
            return 0;
        }

        var due = new List<string>();
        string? keyMarker = null;
        string? uploadMarker = null;
        while (true)
        {
            var page = await _metadata.ListUploadsAsync(new UploadListQuery(bucket, string.Empty, null, keyMarker, uploadMarker, PageSize), cancellationToken).ConfigureAwait(false);
            foreach (var upload in page.Uploads)
            {
                if (rules.Any(r => upload.Key.StartsWith(r.Filter.Prefix, StringComparison.Ordinal)
                    && upload.Initiated + (_options.LifecycleDay * r.AbortIncompleteUploadDays!.Value) <= now))
                {
                    due.Add(upload.UploadId);
                }
            }

            if (!page.IsTruncated)
            {
                break;
            }

            (keyMarker, uploadMarker) = (page.NextKeyMarker, page.NextUploadIdMarker);
        }

        // Each abort is the same unit of work as AbortMultipartUpload: the upload and its parts go, the parts' blobs
        // become garbage in the same commit.
        int aborted = 0;
        foreach (var uploadId in due)
        {
            if (await _metadata.WriteAsync(tx => tx.DeleteUpload(uploadId, null), cancellationToken).ConfigureAwait(false))
            {
                aborted++;
            }
        }

        return aborted;
    }

    private async Task<IReadOnlyDictionary<string, string>?> TagsAsync(string bucket, ObjectVersionSummary version, CancellationToken cancellationToken)
    {
        try
        {
            var info = await _objects.HeadObjectAsync(bucket, version.Key, version.VersionId, cancellationToken).ConfigureAwait(false);
            return info.Tags is null ? null : ParseTags(info.Tags);
        }
        catch (StorageException)
        {
            return null; // removed since the listing
        }
    }

    /// <summary>The stored tag form is the x-amz-tagging query string (URL-encoded key=value pairs joined by &amp;).</summary>
    private static Dictionary<string, string> ParseTags(string stored)
    {
        NameValueCollection pairs = System.Web.HttpUtility.ParseQueryString(stored);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string? name in pairs.AllKeys)
        {
            if (name is not null)
            {
                tags[name] = pairs[name] ?? string.Empty;
            }
        }

        return tags;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Lifecycle pass on bucket {Bucket}: {Expired} objects expired, {Noncurrent} noncurrent versions removed, {Markers} delete markers removed, {Aborted} uploads aborted, {Locked} versions kept by Object Lock")]
    private static partial void LogPass(ILogger logger, string bucket, int expired, int noncurrent, int markers, int aborted, int locked);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Lifecycle configuration of bucket {Bucket} cannot be read: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string bucket, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Lifecycle pass failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
