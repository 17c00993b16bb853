namespace Nuage.Metadata.Postgres;

/// <summary>Statements over the federation's bucket_registry table: SQLite's BucketRegistrySql in PostgreSQL.</summary>
internal static class PostgresBucketRegistrySql
{
    public const string Select = "SELECT owner, region, created_at FROM bucket_registry WHERE name = $1";

    /// <summary>Does nothing when the name is registered already: the caller reads the row to learn who holds it.</summary>
    public const string Insert =
        "INSERT INTO bucket_registry (name, owner, region, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING";

    /// <summary>Only the region holding the name releases it, so a late release never frees another region's bucket.</summary>
    public const string Delete = "DELETE FROM bucket_registry WHERE name = $1 AND region = $2";

    /// <summary>An index seek on bucket_registry_by_owner (owner, name).</summary>
    public const string ListByOwner = "SELECT name, region, created_at FROM bucket_registry WHERE owner = $1 ORDER BY name";

    /// <summary>An index seek on bucket_registry_by_region (region, name), for the reconciling sweep of one region.</summary>
    public const string ListByRegion = "SELECT name, owner, created_at FROM bucket_registry WHERE region = $1 ORDER BY name";
}
