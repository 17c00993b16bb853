namespace Nuage.Metadata.Sqlite;

/// <summary>Statements over the bucket_registry table (schema 016).</summary>
internal static class BucketRegistrySql
{
    public const string Select = "SELECT owner, region, created_at FROM bucket_registry WHERE name = $1";

    /// <summary>Does nothing when the name is registered already: the caller reads the row to learn who holds it.</summary>
    public const string Insert =
        "INSERT INTO bucket_registry (name, owner, region, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING";

    /// <summary>Only the region holding the name releases it, so a late release never frees another region's bucket.</summary>
    public const string Delete = "DELETE FROM bucket_registry WHERE name = $1 AND region = $2";

    public const string ListByOwner = "SELECT name, region, created_at FROM bucket_registry WHERE owner = $1 ORDER BY name";

    /// <summary>
    /// For the reconciling sweep of one region, once a minute per region: a scan of the table (no index by region,
    /// so no schema change; the registry holds names only, a row of a few dozen bytes each).
    /// </summary>
    public const string ListByRegion = "SELECT name, owner, created_at FROM bucket_registry WHERE region = $1 ORDER BY name";
}
