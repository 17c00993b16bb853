namespace Nuage.Iam.Management;

/// <summary>The identities that hold inline policies and attach managed ones.</summary>
public enum PolicyHolderKind
{
    User,
    Group,
    Role,
}
