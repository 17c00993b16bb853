namespace Nuage.Metadata.Postgres.MetadataMigration;

/// <summary>How a migration runs.</summary>
public sealed class MigrationOptions
{
    /// <summary>Rows per committed batch (one COPY and one ledger update per transaction).</summary>
    public int BatchRows { get; init; } = 10_000;

    /// <summary>
    /// A batch also ends once its rows hold this many bytes, so a table of large rows (objects with inline bodies of up
    /// to 128 KiB) does not make one huge transaction.
    /// </summary>
    public long BatchBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Called after each batch commits, with the number of batches committed in this run.</summary>
    public Action<int>? BatchCommitted { get; init; }
}
