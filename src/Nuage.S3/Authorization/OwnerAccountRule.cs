using Nuage.Iam;

namespace Nuage.S3.Authorization;

/// <summary>
/// The rule of <see cref="S3Permission.OwnerAccountOnly"/> actions (bucket policy, ownership controls, public access
/// block): only identities of the bucket owner's account may be granted them, and for the bucket policy actions
/// that account's root always may ("DeleteBucketPolicy": "the root principal in a bucket owner's account can perform the GetBucketPolicy,
/// PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies" it). The
/// operator, the installation's superuser, may act in every account (docs/iam-policies.md): it is the one who can
/// repair a bucket whose policy locks everyone out.
/// </summary>
public static class OwnerAccountRule
{
    /// <summary>True: allowed without evaluating policies; false: refused; null: the policies decide.</summary>
    /// <param name="rootBypassesPolicy">The action is one the owner's root may take whatever the bucket policy says.</param>
    public static bool? Decide(Principal? caller, string bucketOwner, bool rootBypassesPolicy = true)
    {
        ArgumentNullException.ThrowIfNull(bucketOwner);
        if (caller is { Kind: PrincipalKind.Operator })
        {
            return true;
        }

        if (caller is null || caller.AccountId != bucketOwner)
        {
            return false;
        }

        return caller.IsRoot && rootBypassesPolicy ? true : null;
    }
}
