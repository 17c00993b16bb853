namespace Nuage.Iam.Acls;

/// <summary>
/// Whether an ACL grants a request, following "Mapping of ACL permissions and access policy permissions" (ACL
/// overview). ACLs only ever allow; a false answer is "no grant", not a deny. Grantees: a canonical user matches
/// its account; AllUsers everyone, anonymous included; AuthenticatedUsers every signed request; LogDelivery
/// nobody (Nuage has no log-delivery service).
/// </summary>
public static class AclEvaluator
{
    // Each action is granted through exactly one kind of ACL, so the table also says which ACL to consult.
    private static readonly Dictionary<string, (AclResourceKind Kind, AclPermission Permission)> Actions =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["s3:ListBucket"] = (AclResourceKind.Bucket, AclPermission.Read),
            ["s3:ListBucketVersions"] = (AclResourceKind.Bucket, AclPermission.Read),
            ["s3:ListBucketMultipartUploads"] = (AclResourceKind.Bucket, AclPermission.Read),
            ["s3:PutObject"] = (AclResourceKind.Bucket, AclPermission.Write),
            ["s3:DeleteObject"] = (AclResourceKind.Bucket, AclPermission.Write),
            ["s3:DeleteObjectVersion"] = (AclResourceKind.Bucket, AclPermission.Write),
            ["s3:GetBucketAcl"] = (AclResourceKind.Bucket, AclPermission.ReadAcp),
            ["s3:PutBucketAcl"] = (AclResourceKind.Bucket, AclPermission.WriteAcp),
            ["s3:GetObject"] = (AclResourceKind.Object, AclPermission.Read),
            ["s3:GetObjectVersion"] = (AclResourceKind.Object, AclPermission.Read),
            ["s3:GetObjectTorrent"] = (AclResourceKind.Object, AclPermission.Read),
            ["s3:GetObjectAcl"] = (AclResourceKind.Object, AclPermission.ReadAcp),
            ["s3:GetObjectVersionAcl"] = (AclResourceKind.Object, AclPermission.ReadAcp),
            ["s3:PutObjectAcl"] = (AclResourceKind.Object, AclPermission.WriteAcp),
            ["s3:PutObjectVersionAcl"] = (AclResourceKind.Object, AclPermission.WriteAcp),
        };

    /// <summary>The IAM actions an ACL can grant, for tests and documentation.</summary>
    public static IReadOnlyCollection<string> GrantableActions => Actions.Keys;

    /// <summary>Which ACL grants <paramref name="action"/>: the bucket's (listing, writing objects, the bucket ACL) or the object's; null when no ACL can.</summary>
    public static AclResourceKind? ConsultedAcl(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Actions.TryGetValue(action, out var entry) ? entry.Kind : null;
    }

    /// <summary>The permission a <paramref name="kind"/> ACL must grant for <paramref name="action"/>; null when it cannot grant it.</summary>
    public static AclPermission? RequiredPermission(AclResourceKind kind, string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Actions.TryGetValue(action, out var entry) && entry.Kind == kind ? entry.Permission : null;
    }

    /// <summary>True when a grant of <paramref name="acl"/> allows <paramref name="requester"/> to perform <paramref name="action"/>.</summary>
    /// <param name="ignorePublicGrants">Block Public Access's IgnorePublicAcls: grants to AllUsers and AuthenticatedUsers count for nothing.</param>
    public static bool IsAllowed(AccessControlList acl, AclResourceKind kind, AclRequester requester, string action, bool ignorePublicGrants = false)
    {
        ArgumentNullException.ThrowIfNull(acl);
        ArgumentNullException.ThrowIfNull(requester);
        if (RequiredPermission(kind, action) is not { } permission)
        {
            return false;
        }

        // "When the grantee is the bucket owner, granting WRITE permission in a bucket ACL allows the
        // s3:DeleteObjectVersion action to be performed on any version in that bucket": others with WRITE may
        // add and delete objects, but never destroy a version for good.
        if (string.Equals(action, "s3:DeleteObjectVersion", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(requester.AccountId, acl.Owner.Id, StringComparison.Ordinal))
        {
            return false;
        }

        return HasPermission(acl, requester, permission, ignorePublicGrants);
    }

    /// <summary>True when some grant gives <paramref name="requester"/> <paramref name="permission"/> or FULL_CONTROL.</summary>
    public static bool HasPermission(AccessControlList acl, AclRequester requester, AclPermission permission, bool ignorePublicGrants = false)
    {
        ArgumentNullException.ThrowIfNull(acl);
        ArgumentNullException.ThrowIfNull(requester);
        foreach (var grant in acl.Grants)
        {
            if ((grant.Permission == permission || grant.Permission == AclPermission.FullControl)
                && !(ignorePublicGrants && grant.Grantee.IsPublicGroup)
                && Matches(grant.Grantee, requester))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(AclGrantee grantee, AclRequester requester)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        ArgumentNullException.ThrowIfNull(requester);
        return grantee.Kind switch
        {
            AclGranteeKind.CanonicalUser => string.Equals(grantee.Id, requester.AccountId, StringComparison.Ordinal),
            AclGranteeKind.Group => grantee.Value switch
            {
                AclGrantee.AllUsersUri => true,
                AclGrantee.AuthenticatedUsersUri => requester.IsAuthenticated,
                _ => false,
            },
            _ => false,
        };
    }
}
