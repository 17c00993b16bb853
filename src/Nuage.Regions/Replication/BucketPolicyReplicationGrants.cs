using Nuage.Iam.Policies;
using Nuage.Storage.Buckets;
using Nuage.Storage.Replication;

namespace Nuage.Regions.Replication;

/// <summary>
/// Cross-account replication as AWS grants it ("Granting permissions when the source and destination buckets are
/// owned by different accounts"): the destination bucket's policy must allow the source's replication role (the
/// configuration's Role, a role of the source bucket's account) or that account itself s3:ReplicateObject on the
/// destination's objects, and s3:ReplicateDelete for delete markers. An explicit Deny wins, as in any policy
/// evaluation. Nuage's push is made by the federation's service principal, so the grant is evaluated here for the
/// principal the source would have replicated as.
/// </summary>
public sealed class BucketPolicyReplicationGrants : IReplicationGrants
{
    public string? Refusal(
        string destinationBucket, IReadOnlyDictionary<string, string> destinationSettings, string sourceOwner, string? role, string key, bool isDeleteMarker)
    {
        ArgumentNullException.ThrowIfNull(destinationSettings);
        string action = isDeleteMarker ? "s3:ReplicateDelete" : "s3:ReplicateObject";
        if (destinationSettings.GetValueOrDefault(BucketSettingNames.Policy) is not { } text)
        {
            return $"The destination bucket {destinationBucket} belongs to another account, and has no bucket policy granting {action} to account {sourceOwner}.";
        }

        PolicyDocument policy;
        try
        {
            policy = PolicyDocument.Parse(text, PolicyKind.Resource);
        }
        catch (MalformedPolicyException e)
        {
            return $"The bucket policy of {destinationBucket} cannot be read: {e.Message}";
        }

        var request = new PolicyRequest(action, $"arn:aws:s3:::{destinationBucket}/{key}", Principal(sourceOwner, role));
        return PolicyEvaluator.Evaluate(policy, request) == PolicyDecision.Allow
            ? null
            : $"The bucket policy of {destinationBucket} (another account's) does not grant {action} to {request.Principal.RoleArn ?? request.Principal.Arn}.";
    }

    /// <summary>
    /// A session of the configuration's Role when it is a role of the source bucket's account (a policy may name the
    /// role or its account), else the account itself.
    /// </summary>
    private static PolicyPrincipal Principal(string sourceOwner, string? role)
    {
        string prefix = $"arn:aws:iam::{sourceOwner}:role";
        if (role is not null && role.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            string pathAndName = role[prefix.Length..];
            int slash = pathAndName.LastIndexOf('/');
            return PolicyPrincipal.AssumedRole(sourceOwner, pathAndName[(slash + 1)..], "replication", "s3-replication", pathAndName[..(slash + 1)]);
        }

        return PolicyPrincipal.Root(sourceOwner);
    }
}
