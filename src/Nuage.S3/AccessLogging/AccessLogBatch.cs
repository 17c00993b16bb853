namespace Nuage.S3.AccessLogging;

/// <summary>
/// The records of one source bucket waiting for the next delivery. Producers append under the batch's lock; the
/// delivery worker closes it under the same lock before it reads the lines, so a record lands either in this batch
/// (and is delivered with it) or in the next one, never in neither.
/// </summary>
public sealed class AccessLogBatch(string sourceBucket, string sourceOwner)
{
    private readonly List<(DateTimeOffset Time, string Line)> _lines = [];
    private long _firstRecordTicks;

    public string SourceBucket { get; } = sourceBucket;

    public string SourceOwner { get; } = sourceOwner;

    /// <summary>The configuration in force when the latest record was taken: where this batch goes.</summary>
    public AccessLogConfiguration Configuration { get; private set; } = null!;

    /// <summary>Records refused because the batch was full (<see cref="AccessLogBuffer.MaxRecordsPerBatch"/>).</summary>
    public long Dropped { get; private set; }

    /// <summary>The batch was taken for delivery; producers then start a new one.</summary>
    public bool Closed { get; private set; }

    public Lock Sync { get; } = new();

    /// <summary>When the batch's first record was taken (UTC ticks); 0 while it has none. Read without the lock by the worker.</summary>
    public long FirstRecordTicks => Volatile.Read(ref _firstRecordTicks);

    /// <summary>Appends one line; false when the batch was already closed (the caller starts a new batch). Call under <see cref="Sync"/>.</summary>
    internal bool TryAdd(AccessLogConfiguration configuration, DateTimeOffset time, string line, int capacity)
    {
        if (Closed)
        {
            return false;
        }

        Configuration = configuration;
        if (_firstRecordTicks == 0)
        {
            Volatile.Write(ref _firstRecordTicks, time.UtcTicks);
        }

        if (_lines.Count >= capacity)
        {
            Dropped++;
        }
        else
        {
            _lines.Add((time, line));
        }

        return true;
    }

    /// <summary>Closes the batch and hands over its lines, oldest first.</summary>
    internal IReadOnlyList<(DateTimeOffset Time, string Line)> Close()
    {
        lock (Sync)
        {
            Closed = true;
            return _lines;
        }
    }
}
