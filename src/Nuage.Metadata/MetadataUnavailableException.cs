namespace Nuage.Metadata;

using System.Data.Common;

/// <summary>
/// The engine could not reach its database (PostgreSQL restarting, a failover in progress, the network gone): the
/// operation did not happen, or for a write, was not committed. Transient by nature: a front door answers it as S3's
/// 503 SlowDown with Retry-After (or MQTT's 0x88 Server unavailable), and the engine reconnects by itself. The
/// embedded SQLite engine never throws it.
/// </summary>
public sealed class MetadataUnavailableException : DbException
{
    /// <summary>
    /// Always: nothing was committed and the same request may succeed later (<see cref="DbException.IsTransient"/>).
    /// The front doors may not compile against this contract (docs/architecture.md rule 2), so they recognise the
    /// store's transient failures by this base class property, which the runtime itself defines.
    /// </summary>
    public override bool IsTransient => true;

    public MetadataUnavailableException()
        : this("The metadata database is unreachable.")
    {
    }

    public MetadataUnavailableException(string message)
        : base(message)
    {
    }

    public MetadataUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
