namespace Nuage.Regions.Registry;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuage.Metadata;
using Nuage.Storage;
using Nuage.Storage.Buckets.Directory;

/// <summary>
/// Reconciles the federation's registry with this region's buckets (docs/regions.md, "Reconciling names"): every
/// <see cref="Interval"/> it lists the names the registry places in this region and releases each one that has no
/// bucket here. Such names are left behind when a region deletes a bucket, or fails a create, while the control region
/// is out of reach (the release cannot be sent then), or when a region stops between a claim and its local create.
/// Then the reverse (<see cref="RegisterOnceAsync"/>): each bucket this region has whose name the registry does not
/// place here is claimed, which registers the buckets a region had before it joined the federation. A name another
/// region holds is a conflict the operator must settle: it is logged once, and requests elsewhere keep going to the
/// holder. Runs in every region of a federation, the control region included (for its own buckets).
/// </summary>
/// <remarks>
/// Why this is safe against a bucket being created right now: the check "no bucket here" and the release are made
/// under the name's lock (<see cref="BucketNameLocks"/>), which CreateBucket holds from its claim to its local insert
/// and DeleteBucket from its local delete to its release. The registry's list may be a little old by then, but only
/// claims of this region are released (the control region frees a name only if this region holds it), and a claim of
/// this region made after the list either finished (the bucket is found, nothing is released) or waits for the lock.
/// No grace age is needed, so a left-behind name is free again one interval after the control region is back.
/// </remarks>
public sealed partial class BucketNameSweep(
    IBucketDirectory directory, IMetadataStore metadata, BucketNameLocks locks, string region, TimeSpan interval, TimeProvider time, ILogger<BucketNameSweep> logger)
    : BackgroundService
{
    /// <summary>A minute unless NUAGE_BUCKET_NAME_SWEEP_SECONDS says otherwise (tests shorten it).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(60);

    // Names whose conflict was logged: said once per process, not once per pass.
    private readonly HashSet<string> _conflictsSaid = new(StringComparer.Ordinal);

    public TimeSpan Interval => interval;

    /// <summary>One pass: the names it released. Throws ServiceUnavailable when the control region cannot be asked.</summary>
    public async Task<IReadOnlyList<string>> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var released = new List<string>();
        foreach (var placement in await directory.ListInRegionAsync(region, cancellationToken).ConfigureAwait(false))
        {
            using var locked = await locks.AcquireAsync(placement.Name, cancellationToken).ConfigureAwait(false);
            if (await metadata.GetBucketAsync(placement.Name, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            await directory.ReleaseAsync(placement.Name, region, cancellationToken).ConfigureAwait(false);
            released.Add(placement.Name);
            LogReleased(logger, placement.Name, placement.Owner);
        }

        return released;
    }

    /// <summary>
    /// One registering pass: claims, for its owner, each bucket of this region the registry does not place here;
    /// returns every name it tried with the control region's answer (Claimed, Reasserted after a race with a create,
    /// OwnedByYouElsewhere or TakenByOther for a conflict). Throws ServiceUnavailable when the control region cannot
    /// be asked.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, BucketClaimOutcome Outcome)>> RegisterOnceAsync(CancellationToken cancellationToken)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var placement in await directory.ListInRegionAsync(region, cancellationToken).ConfigureAwait(false))
        {
            placed.Add(placement.Name);
        }

        var tried = new List<(string, BucketClaimOutcome)>();
        var usage = await metadata.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        foreach (var name in usage.Buckets.Select(b => b.Bucket).Where(n => !placed.Contains(n)).Order(StringComparer.Ordinal))
        {
            // Under the name's lock, as creates and deletes take it: a bucket deleted meanwhile is not claimed back.
            using var locked = await locks.AcquireAsync(name, cancellationToken).ConfigureAwait(false);
            if (await metadata.GetBucketAsync(name, cancellationToken).ConfigureAwait(false) is not { } bucket)
            {
                continue;
            }

            var outcome = await directory.ClaimAsync(name, bucket.Owner, region, forNewBucket: false, cancellationToken).ConfigureAwait(false);
            tried.Add((name, outcome));
            if (outcome == BucketClaimOutcome.Claimed)
            {
                LogRegistered(logger, name, bucket.Owner);
            }
            else if (outcome is BucketClaimOutcome.OwnedByYouElsewhere or BucketClaimOutcome.TakenByOther && _conflictsSaid.Add(name))
            {
                LogConflict(logger, name, bucket.Owner);
            }
        }

        return tried;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var unreachable = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
                await RegisterOnceAsync(stoppingToken).ConfigureAwait(false);
                unreachable = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.ServiceUnavailable)
            {
                // Expected while the control region is away; said once per outage, and the next pass tries again.
                if (!unreachable)
                {
                    unreachable = true;
                    LogUnreachable(logger, e.Message);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket name {Bucket} (account {Owner}) released at the control region: it was held for this region, which has no such bucket")]
    private static partial void LogReleased(ILogger logger, string bucket, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket name {Bucket} (account {Owner}) registered at the control region: this region had the bucket before the federation knew it")]
    private static partial void LogRegistered(ILogger logger, string bucket, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bucket {Bucket} (account {Owner}) of this region cannot be registered: another region holds the name. Requests elsewhere go to that region; rename or delete one of the two buckets")]
    private static partial void LogConflict(ILogger logger, string bucket, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bucket names cannot be reconciled now; trying again next interval ({Reason})")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
