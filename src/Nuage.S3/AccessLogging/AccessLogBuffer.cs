using System.Collections.Concurrent;

namespace Nuage.S3.AccessLogging;

/// <summary>
/// Server access log records in memory, one batch per source bucket, until the delivery worker writes each batch
/// as one log object. Memory is bounded: a batch holds at most <see cref="MaxRecordsPerBatch"/> records and counts
/// the ones it had to refuse (logging is best effort, as on AWS: "Server access log records are delivered on a
/// best effort basis").
/// </summary>
public sealed class AccessLogBuffer
{
    /// <summary>About 40 MB of lines per bucket and interval at most.</summary>
    public const int MaxRecordsPerBatch = 100_000;

    private readonly ConcurrentDictionary<string, AccessLogBatch> _batches = new(StringComparer.Ordinal);

    public void Add(string sourceBucket, string sourceOwner, AccessLogConfiguration configuration, DateTimeOffset time, string line)
    {
        ArgumentNullException.ThrowIfNull(sourceBucket);
        while (true)
        {
            var batch = _batches.GetOrAdd(sourceBucket, static (name, owner) => new AccessLogBatch(name, owner), sourceOwner);
            lock (batch.Sync)
            {
                if (batch.TryAdd(configuration, time, line, MaxRecordsPerBatch))
                {
                    return;
                }
            }

            // Closed by a delivery that already removed it: the next GetOrAdd starts a fresh batch.
            _batches.TryRemove(new KeyValuePair<string, AccessLogBatch>(sourceBucket, batch));
        }
    }

    /// <summary>Takes every batch, leaving the buffer empty (at shutdown).</summary>
    public IReadOnlyList<AccessLogBatch> TakeAll() => TakeWhere(_ => true);

    /// <summary>
    /// Takes the batches whose first record is at least <paramref name="age"/> old: a log object covers one interval
    /// from its first record, so requests made together land in one object (what AWS's and RGW's rolling log objects
    /// do, and what ceph/s3-tests expects).
    /// </summary>
    public IReadOnlyList<AccessLogBatch> TakeDue(DateTimeOffset now, TimeSpan age) =>
        TakeWhere(b => b.FirstRecordTicks != 0 && b.FirstRecordTicks + age.Ticks <= now.UtcTicks);

    private List<AccessLogBatch> TakeWhere(Func<AccessLogBatch, bool> due)
    {
        var taken = new List<AccessLogBatch>();
        foreach (var (name, candidate) in _batches)
        {
            if (due(candidate) && _batches.TryRemove(new KeyValuePair<string, AccessLogBatch>(name, candidate)))
            {
                taken.Add(candidate);
            }
        }

        return taken;
    }
}
