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

    /// <summary>
    /// The route of a push with encryption terms, under the console's /api/: the terms lead the body (a 4-byte
    /// big-endian length, then the JSON), so an SSE-C blob list of any length fits, and a region that predates it
    /// answers 404 NoSuchRoute (the push waits) instead of ignoring the terms header (docs/replication.md).
    /// </summary>
    public const string SealedRoute = "federation/sealed-replicas/";

    /// <summary>The most bytes of terms a sealed push may lead with: an SSE-C version of 10,000 parts needs about 1 MB.</summary>
    public const int MaxSealedTermsLength = 4 * 1024 * 1024;
}
