namespace Nuage.Iam.Policies;

/// <summary>
/// Everything <see cref="AccessEvaluator"/> weighs for one request.
/// </summary>
/// <param name="Request">The action, resource, principal and context.</param>
/// <param name="IdentityPolicies">Every identity policy of the caller: inline and attached policies of the user,
/// of its groups, or of the role behind a session.</param>
/// <param name="SessionPolicy">The session policy passed to sts:AssumeRole, if any; it only narrows.</param>
/// <param name="ResourceOwnerAccountId">The account that owns the resource (a bucket's owner), or null for an
/// action on no resource (s3:ListAllMyBuckets, s3:CreateBucket).</param>
/// <param name="ResourcePolicy">The resource's policy (a bucket policy), if any.</param>
/// <param name="PermissionsBoundary">The permissions boundary of the user, or of the role behind a session, if it
/// has one: it caps what the identity policies grant.</param>
public sealed record AccessRequest(
    PolicyRequest Request,
    IReadOnlyList<PolicyDocument> IdentityPolicies,
    PolicyDocument? SessionPolicy = null,
    string? ResourceOwnerAccountId = null,
    PolicyDocument? ResourcePolicy = null,
    PolicyDocument? PermissionsBoundary = null);
