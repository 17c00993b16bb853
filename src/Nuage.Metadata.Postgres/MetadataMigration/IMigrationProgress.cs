namespace Nuage.Metadata.Postgres.MetadataMigration;

/// <summary>What the migration reports as it goes; `nuage admin migrate-metadata` draws it as a progress bar.</summary>
public interface IMigrationProgress
{
    /// <summary>A phase begins (checking, copying, verifying) or something worth a line happened.</summary>
    void Note(string message);

    /// <summary>
    /// <paramref name="copied"/> of <paramref name="total"/> rows of <paramref name="table"/> are in PostgreSQL, and
    /// <paramref name="overallCopied"/> of <paramref name="overallTotal"/> of every table.
    /// </summary>
    void Copied(string table, long copied, long total, long overallCopied, long overallTotal);
}
