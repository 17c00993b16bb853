namespace Nuage.Metadata;

using System.Data.Common;

/// <summary>
/// A write whose COMMIT went unanswered (the connection to the database was lost during it) and whose outcome the
/// engine could not find out in time: it may or may not be committed. A front door answers it as it answers
/// <see cref="MetadataUnavailableException"/> (S3's 503 SlowDown with Retry-After; MQTT's CONNACK 0x88, PUBACK and
/// SUBACK 0x83): a client that retries writes the same thing again. What differs is for a caller that undoes its own work on failure: it may not delete
/// a blob the write references until <see cref="Committed"/> says the write was not committed. The embedded SQLite
/// engine never throws it.
/// </summary>
public sealed class MetadataOutcomeUnknownException : DbException
{
    private static readonly Task<bool> NeverKnown = Task.FromCanceled<bool>(new CancellationToken(canceled: true));

    /// <summary>Always: a retry of the same request may succeed (<see cref="DbException.IsTransient"/>).</summary>
    public override bool IsTransient => true;

    public MetadataOutcomeUnknownException()
        : this("The metadata database did not answer a commit; the write may or may not have been committed.")
    {
    }

    public MetadataOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public MetadataOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MetadataOutcomeUnknownException(string message, Exception innerException, Task<bool> committed)
        : base(message, innerException)
    {
        Committed = committed;
    }

    /// <summary>
    /// Completes with true once the engine knows the write was committed and false once it knows it was not; cancelled
    /// when it will never know (the process stopped first), in which case the startup sweep reconciles blobs and rows.
    /// </summary>
    public Task<bool> Committed { get; } = NeverKnown;
}
