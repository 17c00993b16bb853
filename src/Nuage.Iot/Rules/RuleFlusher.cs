using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuage.Metadata;
using Nuage.Storage.Buckets;
using Nuage.Storage.Objects;

namespace Nuage.Iot.Rules;

/// <summary>
/// Writes spooled messages to their rules' buckets (docs/iot-rules.md "Durability"). In two steps, each durable:
/// (1) claim: one transaction marks a rule's oldest waiting rows with a batch id, the seq of the first of them;
/// (2) write: the batch's rows, in seq order, become one object <c>prefix/yyyy/MM/dd/HH/BATCH.jsonl</c> (the hour of
/// the first row's receipt), put through the storage service as the account, and only then are exactly those rows
/// deleted. A crash anywhere leaves either unclaimed rows (claimed again later) or a claimed batch, which the next
/// pass (at start, first) writes again: same rows, same bytes, same key, so the object is replaced by an identical
/// one and no message is lost or written twice.
/// </summary>
public sealed partial class RuleFlusher(
    IMetadataStore store,
    RuleService rules,
    IObjectService objects,
    IBucketService buckets,
    RuleMetrics metrics,
    RuleFlusherSignal signal,
    TimeProvider time,
    ILogger<RuleFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    // At most one pass in this interval, however often messages are spooled: a pass reads the spool's statistics, a
    // scan of every waiting row (up to a batch, 10,000 by default), and woken by each spooled message the passes ran
    // back to back under load, a third of the server's CPU in SQLite's aggregates at 8,000 messages/s (docs/performance.md
    // "Rule flusher passes at most every 100 ms"). A full batch waits at most this long for its pass.
    private static readonly TimeSpan MinPassInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private readonly Dictionary<long, (int Attempts, DateTimeOffset NextAt)> _failed = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await PassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, ex);
            }

            try
            {
                await signal.WaitAsync(Poll, stoppingToken).ConfigureAwait(false);
                var since = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (since < MinPassInterval)
                {
                    await Task.Delay(MinPassInterval - since, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claimed batches first (left by a crash or a failed write), then every rule whose batch is due.</summary>
    private async Task PassAsync(CancellationToken cancellationToken)
    {
        foreach (var batch in await store.ListClaimedIotBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            await TryWriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        foreach (var stats in await store.ReadIotSpoolStatsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stats.Waiting == 0 || await rules.FindAsync(stats.AccountId, stats.RuleName, cancellationToken).ConfigureAwait(false) is not { Bucket: { } action })
            {
                continue;
            }

            bool due = stats.Waiting >= action.MaxMessages || stats.WaitingBytes >= action.MaxBytes
                || now - stats.OldestAt >= TimeSpan.FromSeconds(action.MaxAgeSeconds);
            if (!due)
            {
                continue;
            }

            // Everything waiting goes, in as many batches as the limits make: what is due is the oldest message.
            for (long left = stats.Waiting; left > 0;)
            {
                long? batchId = await store.WriteAsync(t => t.ClaimIotSpoolBatch(stats.AccountId, stats.RuleName, action.MaxMessages, action.MaxBytes), cancellationToken)
                    .ConfigureAwait(false);
                if (batchId is not { } id
                    || !await TryWriteAsync(new IotSpoolBatch(id, stats.AccountId, stats.RuleName), cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                left -= action.MaxMessages;
            }
        }
    }

    private async Task<bool> TryWriteAsync(IotSpoolBatch batch, CancellationToken cancellationToken)
    {
        if (_failed.TryGetValue(batch.BatchId, out var failure) && failure.NextAt > time.GetUtcNow())
        {
            return false;
        }

        string label = RuleMetrics.Label(batch.AccountId, batch.RuleName);
        try
        {
            await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            _failed.Remove(batch.BatchId);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            int attempts = failure.Attempts + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts, 10))));
            _failed[batch.BatchId] = (attempts, time.GetUtcNow() + delay);
            metrics.Errors.WithLabels(label, "batch").Inc();
            LogBatchFailed(logger, label, batch.BatchId, attempts, ex);
            return false;
        }
    }

    private async Task WriteAsync(IotSpoolBatch batch, CancellationToken cancellationToken)
    {
        var rows = await store.ReadIotSpoolBatchAsync(batch.BatchId, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return;
        }

        // Rules are never changed, only deleted, and a deleted rule's rows go with it (schema 017): a rule found
        // here has the bucket and prefix the batch was claimed under.
        var rule = await rules.FindAsync(batch.AccountId, batch.RuleName, cancellationToken).ConfigureAwait(false);
        if (rule?.Bucket is not { } action)
        {
            return;
        }

        var bucket = await buckets.GetBucketAsync(action.Bucket, cancellationToken).ConfigureAwait(false);
        if (bucket is null || bucket.Owner != batch.AccountId)
        {
            throw new InvalidOperationException($"Bucket {action.Bucket} does not exist or is no longer owned by account {batch.AccountId}; the batch waits.");
        }

        string key = Key(action.Prefix, rows[0].ReceivedAt, batch.BatchId);
        var body = new StringBuilder();
        foreach (var row in rows)
        {
            body.Append(row.Line).Append('\n');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(body.ToString());
        var attributes = ObjectAttributes.Empty with { ContentType = "application/x-ndjson" };
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            await objects.PutObjectAsync(
                new PutObjectRequest(action.Bucket, key, stream, bytes.Length, attributes, Access: new ObjectAccess(batch.AccountId, null)), cancellationToken)
                .ConfigureAwait(false);
        }

        // Only after the object's commit: a crash before this line leaves the batch claimed, and it is written again.
        await store.WriteAsync(t => t.DeleteIotSpoolBatch(batch.BatchId), CancellationToken.None).ConfigureAwait(false);
        metrics.Batches.WithLabels(RuleMetrics.Label(batch.AccountId, batch.RuleName)).Inc();
    }

    /// <summary>prefix/yyyy/MM/dd/HH/BATCH.jsonl: UTC hour of the batch's first message; the batch id zero-padded so keys sort by it.</summary>
    public static string Key(string prefix, DateTimeOffset firstReceivedAt, long batchId) =>
        string.Concat(
            prefix,
            firstReceivedAt.UtcDateTime.ToString("yyyy'/'MM'/'dd'/'HH", CultureInfo.InvariantCulture),
            "/",
            batchId.ToString("D20", CultureInfo.InvariantCulture),
            ".jsonl");

    [LoggerMessage(Level = LogLevel.Error, Message = "IoT rule flusher: a pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IoT rule {Rule}: batch {BatchId} could not be written (attempt {Attempts}); it stays spooled")]
    private static partial void LogBatchFailed(ILogger logger, string rule, long batchId, int attempts, Exception exception);
}
