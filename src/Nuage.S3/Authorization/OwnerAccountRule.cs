using Nuage.Iam;

namespace Nuage.S3.Authorization;

/// <summary>
/// The rule of <see cref="S3Permission.OwnerAccountOnly"/> actions (bucket policy, ownership controls, public access
/// block): only identities of the bucket owner's account may be granted them, and that account's root always may
/// ("DeleteBucketPolicy": "the root principal in a bucket owner's account can perform the GetBucketPolicy,
/// PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies" it). The
/// operator, the installation's superuser, may act in every account (docs/iam-policies.md): it is the one who can
/// repair a bucket whose policy locks everyone out.
/// </summary>
public static class OwnerAccountRule
{
    /// <summary>True: allowed without evaluating policies; false: refused; null: the policies decide.</summary>
    public static bool? Decide(Principal? caller, string bucketOwner)
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

        return caller.IsRoot ? true : null;
    }
}
