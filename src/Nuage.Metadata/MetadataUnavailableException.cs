namespace Nuage.Metadata;

/// <summary>
/// The engine could not reach its database (PostgreSQL restarting, a failover in progress, the network gone): the
/// operation did not happen, or for a write, was not committed. Transient by nature: a front door answers it as S3's
/// 503 SlowDown with Retry-After (or MQTT's 0x88 Server unavailable), and the engine reconnects by itself. The
/// embedded SQLite engine never throws it.
/// </summary>
public sealed class MetadataUnavailableException : Exception
{
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
