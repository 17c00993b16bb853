namespace Nuage.Iam.Policies;

/// <summary>
/// AWS's documented policy size quotas ("IAM and AWS STS quotas", "Bucket policy examples"). IAM counts characters
/// without whitespace (see <see cref="PolicyDocument.CountSignificantCharacters"/>); S3 measures a bucket policy's
/// whole text. Enforcing them is the caller's job because only the caller knows where the policy is attached.
/// </summary>
public static class PolicySizeLimits
{
    /// <summary>S3: "Bucket policies are limited to 20 KB in size".</summary>
    public const int BucketPolicy = 20 * 1024;

    /// <summary>Aggregate inline policies of one user.</summary>
    public const int UserInline = 2048;

    /// <summary>Aggregate inline policies of one group.</summary>
    public const int GroupInline = 5120;

    /// <summary>Aggregate inline policies of one role.</summary>
    public const int RoleInline = 10240;

    /// <summary>One customer managed policy.</summary>
    public const int Managed = 6144;

    /// <summary>One role trust policy (the default quota).</summary>
    public const int Trust = 2048;

    /// <summary>STS: "the plaintext that you use for both inline and managed session policies can't exceed 2,048 characters".</summary>
    public const int Session = 2048;
}
