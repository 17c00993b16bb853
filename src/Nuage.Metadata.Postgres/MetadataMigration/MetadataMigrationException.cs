namespace Nuage.Metadata.Postgres.MetadataMigration;

/// <summary>The migration refuses to go on (wrong schema, a target that holds other data) or found a difference.</summary>
public sealed class MetadataMigrationException : Exception
{
    public MetadataMigrationException()
    {
    }

    public MetadataMigrationException(string message)
        : base(message)
    {
    }

    public MetadataMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
