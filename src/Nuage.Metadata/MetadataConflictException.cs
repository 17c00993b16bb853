namespace Nuage.Metadata;

/// <summary>
/// A write the engine could not serialize with concurrent writes, after the replays <see cref="WriteReplay"/>
/// allows. Nothing of it was committed, so the whole request can be retried: a front door answers it as a transient
/// failure (S3: 503 SlowDown with Retry-After), never as the client's error. The SQLite engine never throws it
/// (<see cref="WriteReplay.Never"/>).
/// </summary>
public sealed class MetadataConflictException : Exception
{
    public MetadataConflictException()
        : this("The metadata write conflicted with concurrent writes and was not committed.")
    {
    }

    public MetadataConflictException(string message)
        : base(message)
    {
    }

    public MetadataConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How many times the delegate ran before the engine gave up (1 when it was not replayed).</summary>
    public int Attempts { get; init; } = 1;
}
