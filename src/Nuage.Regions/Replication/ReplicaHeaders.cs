namespace Nuage.Regions.Replication;

/// <summary>
/// The headers of a replication push between regions (docs/replication.md): the version's description (its
/// <see cref="Nuage.Storage.Replication.ReplicaVersion"/> as base64 JSON) and the source bucket's account, which must
/// own the destination bucket too.
/// </summary>
public static class ReplicaHeaders
{
    public const string Version = "x-nuage-replica-version";
    public const string Owner = "x-nuage-replica-owner";

    /// <summary>A metadata-only push: the version's <see cref="Nuage.Storage.Replication.ReplicaMetadata"/> as base64 JSON.</summary>
    public const string Metadata = "x-nuage-replica-metadata";

    /// <summary>The rule's <see cref="Nuage.Storage.Replication.ReplicaTerms"/> (encryption at the destination, cross-account terms), base64 JSON.</summary>
    public const string Terms = "x-nuage-replica-terms";
}
