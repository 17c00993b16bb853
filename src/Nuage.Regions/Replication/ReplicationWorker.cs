using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuage.Metadata;
using Nuage.Storage;
using Nuage.Storage.Buckets.Directory;
using Nuage.Storage.Encryption;
using Nuage.Storage.Replication;

namespace Nuage.Regions.Replication;

/// <summary>
/// Pushes the replication outbox (schema 019) to the destination buckets: each due row to its bucket's region, then
/// removes it in a write of its own and marks the version COMPLETED once no rule waits for it. A key's rows go one
/// after another in commit order (the store hands out only the oldest row of each key), so the rows of one pass are
/// all of different keys and are pushed side by side. A failed push is tried again, backing off from half a second to
/// <see cref="MaxBackoff"/>, for as long as it takes; a refusal that a retry cannot change (the destination bucket
/// missing, not versioned, or another account's) ends the row and marks the version FAILED. A push is idempotent (the
/// destination keeps a version id it has), so a crash between a push and its removal only pushes it again.
/// </summary>
public sealed partial class ReplicationWorker(
    IMetadataStore metadata,
    BucketReplications replications,
    ReplicaService replicas,
    ReplicationSignal signal,
    ReplicationProgress progress,
    ReplicationMetrics metrics,
    Federation.FederationMembership membership,
    HttpClient http,
    (string AccessKeyId, string SecretKey) operatorKey,
    ILogger<ReplicationWorker> logger,
    IBucketDirectory? directory = null,
    TimeProvider? time = null) : BackgroundService
{
    /// <summary>A region back after a partition is found again within this; pushes are cheap to retry between peers.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private const int Batch = 256;
    private const int Parallel = 16;

    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(10);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ReplicaPusher _pusher = new(replicas, membership, new FederationPushChannel(membership, http, operatorKey.AccessKeyId, operatorKey.SecretKey, time ?? TimeProvider.System));

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await replications.LoadAsync(cancellationToken).ConfigureAwait(false);
        await replicas.LoadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int busyPolls = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            int taken = 0;
            try
            {
                taken = await PushDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }

            if (taken > 0)
            {
                busyPolls = 50;
                continue;
            }

            busyPolls = Math.Max(0, busyPolls - 1);
            try
            {
                // After a signal the versions' transaction may not have committed yet: look again every BusyPoll for a while.
                if (await signal.WaitAsync(busyPolls > 0 ? BusyPoll : IdlePoll, stoppingToken).ConfigureAwait(false))
                {
                    busyPolls = 50;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over what is due; returns how many rows it took.</summary>
    private async Task<int> PushDueAsync(CancellationToken cancellationToken)
    {
        var due = await metadata.ListDueReplicationEntriesAsync(_time.GetUtcNow(), Batch, cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return 0;
        }

        // Regions found unreachable in this pass: their other rows wait for the next attempt without a connection each.
        var unreachable = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await System.Threading.Tasks.Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (entry, token) => await PushOneAsync(entry, unreachable, token).ConfigureAwait(false)).ConfigureAwait(false);
        return due.Count;
    }

    private async Task PushOneAsync(ReplicationOutboxEntry entry, System.Collections.Concurrent.ConcurrentDictionary<string, string> unreachable, CancellationToken cancellationToken)
    {
        PushResult result;
        try
        {
            result = await TryPushAsync(entry, unreachable, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.ServiceUnavailable)
        {
            result = PushResult.Retry(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever one push throws (a blob that cannot be read now, say) is a failed attempt of that row, retried
            // with backoff; it never ends the pass for the rows beside it.
            result = PushResult.Retry(e.GetType().Name + ": " + e.Message);
        }

        switch (result.Outcome)
        {
            case PushOutcome.Gone:
                await metadata.WriteAsync(tx => { tx.CompleteReplicationEntry(entry.Seq); return true; }, cancellationToken).ConfigureAwait(false);
                break;
            case PushOutcome.Delivered:
                await metadata.WriteAsync(
                    tx =>
                    {
                        tx.CompleteReplicationEntry(entry.Seq);
                        if (!entry.IsDeleteMarker && !tx.HasReplicationEntries(entry.Bucket, entry.Key, entry.VersionId) && SettlesStatus(tx, entry))
                        {
                            tx.SetReplicationStatus(entry.Bucket, entry.Key, entry.VersionId, ReplicationStatuses.Completed);
                        }

                        return true;
                    },
                    cancellationToken).ConfigureAwait(false);
                var lag = _time.GetUtcNow() - entry.CreatedAt;
                progress.Replicated(entry.Bucket, entry.RuleId, lag);
                metrics.Replicated(entry.Bucket, entry.RuleId, lag, entry.Size);
                break;
            case PushOutcome.Refused:
                LogRefused(logger, entry.Bucket, entry.Key, entry.VersionId, entry.DestinationBucket, result.Error!);
                await metadata.WriteAsync(
                    tx =>
                    {
                        tx.CompleteReplicationEntry(entry.Seq);
                        if (!entry.IsDeleteMarker && SettlesStatus(tx, entry))
                        {
                            tx.SetReplicationStatus(entry.Bucket, entry.Key, entry.VersionId, ReplicationStatuses.Failed);
                        }

                        return true;
                    },
                    cancellationToken).ConfigureAwait(false);
                progress.Refused(entry.Bucket, entry.RuleId, result.Error!);
                metrics.Failed(entry.Bucket, entry.RuleId, permanent: true);
                break;
            default:
                int attempts = entry.Attempts + 1;
                var wait = TimeSpan.FromSeconds(Math.Min(0.5 * Math.Pow(2, Math.Min(attempts - 1, 20)), MaxBackoff.TotalSeconds));
                if (attempts == 1 || attempts % 10 == 0)
                {
                    LogRetry(logger, entry.Bucket, entry.Key, entry.VersionId, attempts, result.Error!, wait.TotalSeconds);
                }

                await metadata.WriteAsync(tx => { tx.DeferReplicationEntry(entry.Seq, attempts, _time.GetUtcNow() + wait, result.Error!); return true; }, cancellationToken)
                    .ConfigureAwait(false);
                progress.Retried(entry.Bucket, entry.RuleId, result.Error!);
                metrics.Failed(entry.Bucket, entry.RuleId, permanent: false);
                break;
        }
    }

    private async Task<PushResult> TryPushAsync(
        ReplicationOutboxEntry entry, System.Collections.Concurrent.ConcurrentDictionary<string, string> unreachable, CancellationToken cancellationToken)
    {
        // A source bucket gone (or given to another account) takes its waiting versions with it.
        var source = await metadata.GetBucketAsync(entry.Bucket, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return PushResult.Gone;
        }

        string? destinationRegion;
        if (await metadata.GetBucketAsync(entry.DestinationBucket, cancellationToken).ConfigureAwait(false) is not null)
        {
            destinationRegion = membership.LocalRegion;
        }
        else
        {
            var placement = directory is null ? null : await directory.LocateAsync(entry.DestinationBucket, cancellationToken).ConfigureAwait(false);
            if (placement is null)
            {
                return PushResult.Refused($"The destination bucket {entry.DestinationBucket} does not exist.");
            }

            destinationRegion = placement.Region;
        }

        if (unreachable.TryGetValue(destinationRegion, out var why))
        {
            return PushResult.Retry(why);
        }

        if (entry.MetadataOnly)
        {
            return await PushMetadataAsync(entry, destinationRegion, source.Owner, unreachable, cancellationToken).ConfigureAwait(false);
        }

        await using var opened = await replicas.OpenSourceAsync(entry.Bucket, entry.Key, entry.VersionId, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            // Removed by id since its commit: AWS does not replicate that removal, and nothing is left to send.
            return PushResult.Gone;
        }

        if (Terms(entry, opened) is not { } terms)
        {
            return PushResult.Refused("The version is stored with SSE-KMS and its rule no longer selects SSE-KMS versions (SseKmsEncryptedObjects with a ReplicaKmsKeyID).");
        }

        var result = await _pusher.PushAsync(opened, entry.DestinationBucket, destinationRegion, source.Owner, terms, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == PushOutcome.Retry && result.Error!.Contains("cannot be reached", StringComparison.Ordinal))
        {
            unreachable.TryAdd(destinationRegion, result.Error);
        }

        return result;
    }

    /// <summary>
    /// What the destination is asked besides the version (<see cref="ReplicaTerms"/>): to encrypt the plaintext the
    /// source sends with its own keys as the source version is encrypted (AWS replicates SSE-S3 versions by default and
    /// SSE-KMS ones when the rule opts in, encrypted under its ReplicaKmsKeyID), and the rule's cross-account terms.
    /// An SSE-C version goes as stored, with its envelope and blob ids. Null when an SSE-KMS version is no longer selected.
    /// </summary>
    private ReplicaTerms? Terms(ReplicationOutboxEntry entry, ReplicaSource opened)
    {
        var configuration = replications.Get(entry.Bucket);
        var rule = configuration?.Rules.FirstOrDefault(r => r.Id == entry.RuleId);
        var terms = new ReplicaTerms(null, null, rule?.DestinationAccount, rule?.OwnerTranslation ?? false, configuration?.Role);
        if (opened.SealedAs is { } sealedAs)
        {
            // SSE-C: sent as stored, replicated by default as AWS does.
            return terms with { Encryption = sealedAs.Encryption, CustomerEnvelope = sealedAs.CustomerEnvelope, CustomerSegments = sealedAs.CustomerSegments };
        }

        return opened.Content?.Info.Encryption switch
        {
            null => terms,
            ServerSideEncryption.S3ManagedKey => terms with { Encryption = ServerSideEncryption.S3ManagedKey },
            ServerSideEncryption.KmsKey when rule is { SseKmsEncryptedObjects: true, ReplicaKmsKeyId: { } key } =>
                terms with { Encryption = ServerSideEncryption.KmsKey, ReplicaKmsKeyId = key },
            _ => null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replication of {Bucket}/{Key} version {VersionId} failed (attempt {Attempts}): {Failure}; next try in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, string bucket, string key, string versionId, int attempts, string failure, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replication of {Bucket}/{Key} version {VersionId} to bucket {Destination} was refused, the version is FAILED: {Failure}")]
    private static partial void LogRefused(ILogger logger, string bucket, string key, string versionId, string destination, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "A replication pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
