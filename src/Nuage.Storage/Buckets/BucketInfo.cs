namespace Nuage.Storage.Buckets;

/// <summary>A bucket as the services see it. Owner is an account id; Region the region named at creation.</summary>
public sealed record BucketInfo(string Name, string Owner, string Region, DateTimeOffset CreatedAt)
{
    public VersioningState Versioning { get; init; }
}
