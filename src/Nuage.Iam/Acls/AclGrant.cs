namespace Nuage.Iam.Acls;

/// <summary>One entry of an ACL: a grantee and one permission. ACLs only grant; they never deny.</summary>
public sealed record AclGrant(AclGrantee Grantee, AclPermission Permission);
