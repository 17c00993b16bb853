namespace Nuage.Testing;

/// <summary>pg_ctl stop's shutdown modes (PostgreSQL docs, "pg_ctl": -m smart | fast | immediate).</summary>
public enum PostgresStopMode
{
    /// <summary>Waits for every client to disconnect, then checkpoints.</summary>
    Smart,

    /// <summary>Rolls back open transactions, disconnects clients, checkpoints: a clean shutdown.</summary>
    Fast,

    /// <summary>
    /// Every server process quits at once without a checkpoint; the next start runs crash recovery from the WAL,
    /// as after a power cut of the server process (not of the machine: the OS page cache survives).
    /// </summary>
    Immediate,
}
