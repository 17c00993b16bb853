namespace Nuage.Metadata.Postgres;

using Npgsql;

/// <summary>How the engine sorts what Npgsql throws (PostgreSQL docs Appendix A "Error Codes").</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// 40001 serialization_failure and 40P01 deadlock_detected: the transaction lost a race with another one and can
    /// run again (CockroachDB reports its transaction restarts as 40001 too).
    /// </summary>
    public static bool IsSerializationFailure(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    /// <summary>
    /// The database cannot be reached or is going away: a broken or refused connection (an NpgsqlException that is no
    /// PostgresException), class 08 (connection exception), 57P01..57P03 (shutdown, crash shutdown, cannot connect
    /// now) and 25006 (read-only transaction: a standby answered, a failover is under way).
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres =>
            postgres.SqlState.StartsWith("08", StringComparison.Ordinal) ||
            postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.ReadOnlySqlTransaction,
        NpgsqlException => true,
        TimeoutException => true,
        System.Net.Sockets.SocketException => true,
        IOException => true,
        _ => false,
    };

    public static MetadataUnavailableException Unavailable(Exception exception) =>
        new("The metadata database is unreachable: " + exception.Message, exception);
}
