using Nuage.Admin.Handlers;
using static Nuage.Admin.Routing.AdminResources;

namespace Nuage.Admin.Routing;

/// <summary>
/// The control region's bucket registry and identity feed for the other regions of its federation (docs/regions.md). The installation's,
/// as accounts are: only the operator (the root key every region of the federation shares) is allowed.
/// </summary>
public static class FederationAdminRoutes
{
    public static IReadOnlyList<AdminRoute> Create(FederationBucketsHandler buckets, FederationIdentitiesHandler identities, FederationReplicasHandler replicas)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(replicas);
        const string Bucket = "federation/buckets/{bucket}";
        return
        [
            new("POST", "federation/buckets", "ClaimBucketName", Accounts, buckets.ClaimAsync),
            new("GET", "federation/buckets", "ListRegisteredBuckets", Accounts, buckets.ListAsync),
            new("GET", Bucket, "GetBucketPlacement", Accounts, buckets.LocateAsync),
            new("DELETE", Bucket, "ReleaseBucketName", Accounts, buckets.ReleaseAsync),

            // Accounts and identities for the other regions' copies (docs/regions.md, "Identities").
            new("GET", "federation/identities", "GetIdentityFeed", Accounts, identities.GetAsync),

            // A version replicated from another region (docs/replication.md); its key travels in its description.
            new("PUT", "federation/replicas/{bucket}", "PutReplica", Accounts, replicas.PutAsync),

            // The same with encryption terms leading the body (SSE-S3, SSE-KMS, SSE-C; docs/replication.md).
            new("PUT", Nuage.Regions.Replication.ReplicaHeaders.SealedRoute + "{bucket}", "PutSealedReplica", Accounts, replicas.PutSealedAsync),

            // A metadata-only change (tags, ACL, retention, legal hold) of a version replicated earlier (docs/replication.md).
            new("PUT", "federation/replica-metadata/{bucket}", "PutReplicaMetadata", Accounts, replicas.PutMetadataAsync),
        ];
    }
}
