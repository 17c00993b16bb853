namespace Nuage.Iam.Acls;

/// <summary>
/// "Blocking public access to your Amazon S3 storage", "The meaning of public": "Amazon S3 considers a bucket or
/// object ACL public if it grants any permissions to members of the predefined AllUsers or AuthenticatedUsers
/// groups." BlockPublicAcls refuses such ACLs on Put*Acl and on writes that carry them; IgnorePublicAcls makes
/// <see cref="AclEvaluator"/> skip those grants.
/// </summary>
public static class AclPublicity
{
    public static bool IsPublic(AccessControlList acl)
    {
        ArgumentNullException.ThrowIfNull(acl);
        return acl.Grants.Any(g => g.Grantee.IsPublicGroup);
    }
}
