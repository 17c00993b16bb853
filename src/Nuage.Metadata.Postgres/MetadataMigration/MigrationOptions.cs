namespace Nuage.Metadata.Postgres.MetadataMigration;

/// <summary>How a migration runs.</summary>
public sealed class MigrationOptions
{
    /// <summary>
    /// Rows per committed batch (one COPY and one ledger update per transaction). Small, because the usage triggers
    /// update one bucket_usage row per copied object: inside one transaction every update adds a version of that row
    /// which the next one walks past, so a batch costs the square of its size. Measured on 300,000 objects in one
    /// bucket (docs/metadata-engines.md): 10,000 rows a batch 253 s, 1,000 75 s, 250 48 s, 100 92 s (commits dominate).
    /// </summary>
    public int BatchRows { get; init; } = DefaultBatchRows;

    public const int DefaultBatchRows = 250;

    /// <summary>
    /// A batch also ends once its rows hold this many bytes, so a table of large rows (objects with inline bodies of up
    /// to 128 KiB) does not make one huge transaction.
    /// </summary>
    public long BatchBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Called after each batch commits, with the number of batches committed in this run.</summary>
    public Action<int>? BatchCommitted { get; init; }
}
