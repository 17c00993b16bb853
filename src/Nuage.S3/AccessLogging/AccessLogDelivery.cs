using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuage.Iam.Acls;
using Nuage.S3.Authorization;
using Nuage.Storage;
using Nuage.Storage.Buckets;
using Nuage.Storage.Objects;

namespace Nuage.S3.AccessLogging;

/// <summary>
/// Writes the buffered access log records into their target buckets: once its first record is
/// <see cref="S3FrontDoorOptions.AccessLogInterval"/> old, each source bucket's batch becomes one log object (one per day with PartitionDateSource EventTime), written
/// through the storage service like any PutObject, so it is durable, counted in the target account's usage and
/// versioned when the target is. The target is checked again first (<see cref="AccessLogTargetRules"/>); a batch
/// that cannot be delivered is dropped and the reason logged. Stopping the server flushes what is buffered; a crash
/// loses at most the records of one interval (best effort, as AWS's server access logging is).
/// </summary>
public sealed partial class AccessLogDelivery(
    AccessLogBuffer buffer, IBucketService buckets, BucketViews views, IObjectService objects, S3FrontDoorOptions options, TimeProvider time,
    ILogger<AccessLogDelivery> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop, then delivers what is left: the host stops this after the web server has finished its requests.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // The expected way out of the loop.
            }
        }

        await DeliverAsync(buffer.TakeAll(), CancellationToken.None);
    }

    public void Dispose() => _stop.Dispose();

    private async Task DeliverAsync(IReadOnlyList<AccessLogBatch> batches, CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
        {
            try
            {
                await DeliverAsync(batch, cancellationToken);
            }
            catch (Exception e) when (e is StorageException or AclException or S3.Errors.S3Exception)
            {
                LogUndelivered(logger, batch.SourceBucket, batch.Configuration.TargetBucket, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One batch's surprise must not cost the other buckets their logs.
                LogFailed(logger, batch.SourceBucket, e);
            }
        }
    }

    /// <summary>How often the worker looks for due batches: a quarter of the interval, between 100 ms and 30 s.</summary>
    private TimeSpan Tick => TimeSpan.FromTicks(Math.Clamp(
        options.AccessLogInterval.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(30).Ticks));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Tick, time, cancellationToken);
            await DeliverAsync(buffer.TakeDue(time.GetUtcNow(), options.AccessLogInterval), cancellationToken);
        }
    }

    private async Task DeliverAsync(AccessLogBatch batch, CancellationToken cancellationToken)
    {
        var lines = batch.Close();
        if (batch.Dropped > 0)
        {
            LogDropped(logger, batch.Dropped, batch.SourceBucket);
        }

        if (lines.Count == 0)
        {
            return;
        }

        var configuration = batch.Configuration;
        var source = await buckets.GetBucketAsync(batch.SourceBucket, cancellationToken);
        if (source is null)
        {
            LogUndelivered(logger, batch.SourceBucket, configuration.TargetBucket, "the source bucket no longer exists");
            return;
        }

        var target = await buckets.GetBucketAsync(configuration.TargetBucket, cancellationToken);
        var targetView = target is null ? null : await views.GetAsync(target.Name, cancellationToken);
        if (AccessLogTargetRules.Check(source, target, targetView, configuration) is { } refusal)
        {
            LogUndelivered(logger, batch.SourceBucket, configuration.TargetBucket, refusal.Message);
            return;
        }

        // "You can use default bucket encryption on the destination bucket only if you use ... SSE-S3": a target with
        // any default encryption gets its log objects encrypted with SSE-S3, never in the clear.
        var access = await buckets.GetAccessAsync(target!.Name, cancellationToken);
        var encryption = access?.Setting(BucketSettingNames.Encryption) is null ? null : Nuage.Storage.Encryption.EncryptionRequest.S3Managed;
        var delivered = time.GetUtcNow();
        var groups = configuration.PartitionsByEventTime
            ? lines.GroupBy(l => l.Time.UtcDateTime.Date).Select(g => (Date: new DateTimeOffset(g.Key, TimeSpan.Zero), Lines: g.ToList()))
            : [(Date: delivered, Lines: lines.ToList())];
        foreach (var (date, group) in groups)
        {
            var body = new StringBuilder();
            foreach (var (_, line) in group)
            {
                body.Append(line).Append('\n');
            }

            var bytes = Encoding.UTF8.GetBytes(body.ToString());
            var key = AccessLogKeys.For(configuration, source.Owner, source.Region, source.Name, delivered, date);
            await objects.PutObjectAsync(
                new PutObjectRequest(target.Name, key, new MemoryStream(bytes, writable: false), bytes.Length, Attributes, Access: Access(target, configuration))
                {
                    Encryption = encryption,
                },
                cancellationToken);
        }
    }

    private static readonly ObjectAttributes Attributes = ObjectAttributes.Empty with { ContentType = "text/plain" };

    /// <summary>
    /// The log object belongs to the target bucket's owner; TargetGrants are added to its ACL ("TargetGrants:
    /// Container for granting information", PutBucketLogging), beside the owner's FULL_CONTROL.
    /// </summary>
    private static ObjectAccess Access(BucketInfo target, AccessLogConfiguration configuration)
    {
        if (configuration.TargetGrants.Count == 0)
        {
            return new ObjectAccess(target.Owner, null);
        }

        var owner = new AclOwner(target.Owner, target.Owner);
        var acl = new AccessControlList(owner, [new AclGrant(AclGrantee.CanonicalUser(target.Owner), AclPermission.FullControl), .. configuration.TargetGrants]);
        return new ObjectAccess(target.Owner, acl.ToJson());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access log records of bucket {Source} were not delivered to {Target}: {Reason}")]
    private static partial void LogUndelivered(ILogger logger, string source, string target, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} access log records of bucket {Source} were dropped: the interval's buffer was full")]
    private static partial void LogDropped(ILogger logger, long count, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Access log delivery of bucket {Source} failed; its records of this interval are lost")]
    private static partial void LogFailed(ILogger logger, string source, Exception exception);
}
