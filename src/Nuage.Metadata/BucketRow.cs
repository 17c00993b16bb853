namespace Nuage.Metadata;

/// <summary>A bucket: owner is an account id, region the region named at creation (DESIGN.md "Regions").</summary>
public sealed record BucketRow(string Name, string Owner, string Region, DateTimeOffset CreatedAt);
