namespace Nuage.Metadata.Postgres.MetadataMigration;

/// <summary>One table's rows and checksum (<see cref="TableChecksum"/>) on each side after the copy.</summary>
public sealed record TableVerification(string Table, long SourceRows, string SourceChecksum, long TargetRows, string TargetChecksum)
{
    public bool Matches => SourceRows == TargetRows && string.Equals(SourceChecksum, TargetChecksum, StringComparison.Ordinal);
}
