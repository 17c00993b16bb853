namespace Nuage.Metadata.Core;

/// <summary>
/// A unit of work waiting for an engine's group-committing writer (SQLite's and PostgreSQL's): run inside the batch
/// transaction, perhaps again after a serialization failure, and completed after the commit.
/// </summary>
public abstract class PendingWrite
{
    protected PendingWrite(CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
    }

    public CancellationToken CancellationToken { get; }

    /// <summary>The caller let the writer wait a little for more units before committing (<see cref="CommitTiming.Gathered"/>).</summary>
    public bool Gathered { get; init; }

    /// <summary>Set when <see cref="Execute"/> threw or the batch failed to commit.</summary>
    public Exception? Failure { get; set; }

    public abstract void Execute(IMetadataTransaction transaction);

    /// <summary>Completes the caller's task: with the result, or with <see cref="Failure"/>.</summary>
    public abstract void Finish();
}
