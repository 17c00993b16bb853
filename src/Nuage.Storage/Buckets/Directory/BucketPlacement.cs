namespace Nuage.Storage.Buckets.Directory;

/// <summary>A registered bucket name: its owner account and the region it lives in.</summary>
public sealed record BucketPlacement(string Name, string Owner, string Region, DateTimeOffset CreatedAt);
