namespace Nuage.S3.Authorization;

/// <summary>
/// One IAM action on one S3 resource that an operation needs, with the operation's own condition keys
/// (s3:prefix, s3:versionid, ...). Bucket is null for actions on no bucket (s3:ListAllMyBuckets, resource "*");
/// Key is null for bucket-level actions.
/// </summary>
public sealed record S3Permission(string Action, string? Bucket, string? Key, IReadOnlyDictionary<string, string>? Conditions = null)
{
    /// <summary>The resource ARN policies match against: arn:aws:s3:::bucket, arn:aws:s3:::bucket/key, or "*".</summary>
    /// <summary>Only identities of the bucket owner's account may be granted this action.</summary>
    public bool OwnerAccountOnly { get; init; }

    /// <summary>
    /// The owner account's root user may do this whatever the bucket policy says (Get/Put/DeleteBucketPolicy: "the
    /// root principal in the bucket owner's account can perform these even if the bucket policy explicitly denies
    /// it", so no one is locked out of the policy). Other owner-only actions bind the root to a Deny like any other.
    /// </summary>
    public bool RootBypassesPolicy { get; init; }

    public string Resource => Bucket is null ? "*" : Key is null ? "arn:aws:s3:::" + Bucket : "arn:aws:s3:::" + Bucket + "/" + Key;
}
