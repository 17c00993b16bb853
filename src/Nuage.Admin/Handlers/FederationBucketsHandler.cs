using System.Net;
using Nuage.Admin.Errors;
using Nuage.Admin.Http;
using Nuage.Regions.Federation;
using Nuage.Storage.Buckets.Directory;

namespace Nuage.Admin.Handlers;

/// <summary>
/// The control region's registry of bucket names as the other regions of its federation reach it (docs/regions.md,
/// "What crosses a region boundary"): claim a name, release it, where a bucket lives, an account's buckets. Only the
/// control region serves it. Operator-only: the member regions sign with the operator root key that all regions of a
/// federation share, so no outside client can claim or free a name, and nothing of it is on the S3 port.
/// </summary>
public sealed class FederationBucketsHandler(FederationMembership membership, IBucketDirectory? directory = null)
{
    public async Task<AdminResult> ClaimAsync(AdminCall call)
    {
        var registry = Registry();
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        string name = body.RequiredString("name"), owner = body.RequiredString("owner"), region = body.RequiredString("region");
        if (membership.Config!.Find(region) is null)
        {
            throw new AdminException(AdminError.InvalidInput, $"Region '{region}' is not in this federation.");
        }

        // A member region older than the owner check sends no forNewBucket: its claims are taken as before.
        bool forNewBucket = body.OptionalBool("forNewBucket") ?? false;
        var outcome = await registry.ClaimAsync(name, owner, region, forNewBucket, call.Aborted).ConfigureAwait(false);
        return AdminResult.Ok(new { Outcome = outcome.ToString() });
    }

    public async Task<AdminResult> ReleaseAsync(AdminCall call)
    {
        var region = call.Query("region") ?? throw new AdminException(AdminError.InvalidInput, "Name the releasing region: ?region=NAME.");
        await Registry().ReleaseAsync(call["bucket"], region, call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    public async Task<AdminResult> LocateAsync(AdminCall call)
    {
        var placement = await Registry().LocateAsync(call["bucket"], call.Aborted).ConfigureAwait(false);
        return placement is null
            ? new AdminResult((int)HttpStatusCode.NotFound, Json.ErrorDocument.Of("NoSuchBucket", $"No region holds the bucket name {call["bucket"]}."))
            : AdminResult.Ok(placement);
    }

    /// <summary>An account's names (<c>?owner=</c>, for ListBuckets) or a region's (<c>?region=</c>, for its reconciling sweep).</summary>
    public async Task<AdminResult> ListAsync(AdminCall call)
    {
        var registry = Registry();
        if (call.Query("region") is { } region)
        {
            return AdminResult.Ok(new { Buckets = await registry.ListInRegionAsync(region, call.Aborted).ConfigureAwait(false) });
        }

        var owner = call.Query("owner") ?? throw new AdminException(AdminError.InvalidInput, "Name the account (?owner=ACCOUNT_ID) or the region (?region=NAME).");
        return AdminResult.Ok(new { Buckets = await registry.ListAsync(owner, call.Aborted).ConfigureAwait(false) });
    }

    private IBucketDirectory Registry() =>
        membership.Config is { IsControl: true } && directory is not null
            ? directory
            : throw new AdminException(AdminError.InvalidInput, "This region is not its federation's control region: it keeps no bucket registry.");
}
