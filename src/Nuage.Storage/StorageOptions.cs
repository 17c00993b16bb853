namespace Nuage.Storage;

/// <summary>Settings of the storage service. Immutable once built.</summary>
public sealed record StorageOptions
{
    /// <summary>Root of everything this region stores (metadata file, blobs). Default ./data.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>This region's name, recorded on buckets and objects. Default "local".</summary>
    public string Region { get; init; } = "local";

    /// <summary>Objects of this size or less live inline in the metadata row (DESIGN.md invariant 7). Default 128 KiB.</summary>
    public int InlineThreshold { get; init; } = 128 * 1024;

    /// <summary>Largest single PUT or part (S3: 5 GiB).</summary>
    public long MaxObjectSize { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Smallest part other than the last (S3: 5 MiB).</summary>
    public long MinPartSize { get; init; } = 5L * 1024 * 1024;

    /// <summary>Unfinished multipart uploads older than this are aborted and their parts reclaimed. Default 7 days.</summary>
    public TimeSpan AbandonedUploadAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The length of a "day" in lifecycle rules (Days, NoncurrentDays, DaysAfterInitiation). One day, except in tests,
    /// which shorten it to see rules act within seconds (--lifecycle-day-seconds).
    /// </summary>
    public TimeSpan LifecycleDay { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Pause between passes of the lifecycle worker: a 24th of a lifecycle day, at least 200 ms, at most an hour.</summary>
    public TimeSpan LifecycleInterval =>
        TimeSpan.FromTicks(Math.Clamp(LifecycleDay.Ticks / 24, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromHours(1).Ticks));
}
