namespace Nuage.Iam.Acls;

/// <summary>The wire names of <see cref="AclPermission"/> (READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL).</summary>
public static class AclPermissionNames
{
    public static string ToS3Name(AclPermission permission) => permission switch
    {
        AclPermission.FullControl => "FULL_CONTROL",
        AclPermission.Read => "READ",
        AclPermission.Write => "WRITE",
        AclPermission.ReadAcp => "READ_ACP",
        AclPermission.WriteAcp => "WRITE_ACP",
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, null),
    };

    /// <summary>Exact, case-sensitive match: S3's schema spells the permission in upper case.</summary>
    public static bool TryParse(string? name, out AclPermission permission) =>
        WireNames.TryParse(name, ToS3Name, out permission);
}
