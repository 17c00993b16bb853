namespace Nuage.Metadata;

using System.Data.Common;

/// <summary>
/// A write the engine could not serialize with concurrent writes, after the replays <see cref="WriteReplay"/>
/// allows. Nothing of it was committed, so the whole request can be retried: a front door answers it as a transient
/// failure (S3: 503 SlowDown with Retry-After), never as the client's error. The SQLite engine never throws it
/// (<see cref="WriteReplay.Never"/>).
/// </summary>
public sealed class MetadataConflictException : DbException
{
    /// <summary>
    /// Always: nothing was committed and the same request may succeed later (<see cref="DbException.IsTransient"/>).
    /// The front doors may not compile against this contract (docs/architecture.md rule 2), so they recognise the
    /// store's transient failures by this base class property, which the runtime itself defines.
    /// </summary>
    public override bool IsTransient => true;

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
