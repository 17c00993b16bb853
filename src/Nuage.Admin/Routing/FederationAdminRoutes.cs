using Nuage.Admin.Handlers;
using static Nuage.Admin.Routing.AdminResources;

namespace Nuage.Admin.Routing;

/// <summary>
/// The control region's bucket registry for the other regions of its federation (docs/regions.md). The installation's,
/// as accounts are: only the operator (the root key every region of the federation shares) is allowed.
/// </summary>
public static class FederationAdminRoutes
{
    public static IReadOnlyList<AdminRoute> Create(FederationBucketsHandler buckets, FederationReplicasHandler replicas)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        const string Bucket = "federation/buckets/{bucket}";
        return
        [
            new("POST", "federation/buckets", "ClaimBucketName", Accounts, buckets.ClaimAsync),
            new("GET", "federation/buckets", "ListRegisteredBuckets", Accounts, buckets.ListAsync),
            new("GET", Bucket, "GetBucketPlacement", Accounts, buckets.LocateAsync),
            new("DELETE", Bucket, "ReleaseBucketName", Accounts, buckets.ReleaseAsync),
            // A version replicated from another region (docs/replication.md); its key travels in its description.
            new("PUT", "federation/replicas/{bucket}", "PutReplica", Accounts, replicas.PutAsync),
        ];
    }
}
