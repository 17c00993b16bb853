using System.Globalization;
using Nuage.Admin.Errors;
using Nuage.Admin.Http;
using Nuage.Iam.Federation;
using Nuage.Iam.Identities;
using Nuage.Regions.Federation;

namespace Nuage.Admin.Handlers;

/// <summary>
/// The control region's identity feed (docs/regions.md, "Identities"): its whole directory of accounts, users,
/// groups, roles, policies and access keys, with a generation; given <c>since=GENERATION</c> the answer waits until
/// the directory differs from that generation, at most <c>wait</c> seconds (a long poll, so a change reaches the
/// other regions in one round trip). Only the control region serves it, and only to the operator: the other regions
/// sign with the root key they share, under which the access key secrets in it are sealed.
/// </summary>
public sealed class FederationIdentitiesHandler(FederationMembership membership, IdentityRegistry registry, IdentityFeedSealer? feedSealer = null)
{
    /// <summary>The longest a poll is held: under the follower's HTTP timeout and common proxies' idle limits.</summary>
    public const int MaxWaitSeconds = 25;

    public async Task<AdminResult> GetAsync(AdminCall call)
    {
        if (membership.Config is not { IsControl: true } || feedSealer is null)
        {
            throw new AdminException(AdminError.InvalidInput, "This region is not its federation's control region: it keeps no identity feed.");
        }

        var wait = 0;
        if (call.Query("wait") is { } waitText
            && (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out wait) || wait > MaxWaitSeconds))
        {
            throw new AdminException(AdminError.InvalidInput, $"wait is a whole number of seconds from 0 to {MaxWaitSeconds}.");
        }

        var snapshot = registry.Snapshot;
        if (call.Query("since") is { } since && since == snapshot.Generation && wait > 0)
        {
            snapshot = await registry.WaitForChangeAsync(snapshot.Version, TimeSpan.FromSeconds(wait), call.Aborted).ConfigureAwait(false);
        }

        return AdminResult.Ok(IdentityFeedDocument.From(snapshot, feedSealer.Sealer));
    }
}
