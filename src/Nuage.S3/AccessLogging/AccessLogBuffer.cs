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

    /// <summary>Takes every batch that holds records, leaving the buffer empty for the next interval.</summary>
    public IReadOnlyList<AccessLogBatch> TakeAll()
    {
        var taken = new List<AccessLogBatch>();
        foreach (var name in _batches.Keys)
        {
            if (_batches.TryRemove(name, out var batch))
            {
                taken.Add(batch);
            }
        }

        return taken;
    }
}
