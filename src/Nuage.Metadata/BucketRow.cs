namespace Nuage.Metadata;

/// <summary>A bucket: owner is an account id, region the region named at creation (DESIGN.md "Regions").</summary>
public sealed record BucketRow(string Name, string Owner, string Region, DateTimeOffset CreatedAt)
{
    /// <summary>The bucket's versioning state (schema 007); a new bucket is unversioned.</summary>
    public BucketVersioning Versioning { get; init; }
}
