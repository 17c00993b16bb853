namespace Nuage.Iam.Acls;

/// <summary>Whose ACL is consulted: the same permission allows different actions on a bucket and on an object.</summary>
public enum AclResourceKind
{
    Bucket,
    Object,
}
