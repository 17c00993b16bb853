namespace Nuage.Iam.Acls;

/// <summary>
/// The five ACL permissions ("Access control list (ACL) overview", "What permissions can I grant?"). What each one
/// allows depends on whether the ACL is a bucket's or an object's; see <see cref="AclEvaluator"/>.
/// </summary>
public enum AclPermission
{
    FullControl,
    Read,
    Write,
    ReadAcp,
    WriteAcp,
}
