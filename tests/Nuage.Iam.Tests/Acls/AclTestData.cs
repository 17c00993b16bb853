using Nuage.Iam.Acls;

namespace Nuage.Iam.Tests.Acls;

/// <summary>Accounts and a compact text form of grants shared by the ACL tests.</summary>
internal static class AclTestData
{
    public const string Owner = "111122223333";
    public const string Other = "444455556666";
    public const string BucketOwner = "777788889999";

    public static AclOwner OwnerOf(string id) => new(id, "name-" + id);

    /// <summary>"READ id=111122223333", "WRITE uri=AllUsers": short enough to compare whole ACLs in one assertion.</summary>
    public static string[] Describe(IEnumerable<AclGrant> grants) => grants.Select(Describe).ToArray();

    public static string Describe(AclGrant grant)
    {
        var grantee = grant.Grantee;
        var who = grantee.Kind switch
        {
            AclGranteeKind.CanonicalUser => "id=" + grantee.Id,
            AclGranteeKind.Group => "uri=" + grantee.Uri![(grantee.Uri!.LastIndexOf('/') + 1)..],
            _ => "email=" + grantee.EmailAddress,
        };
        return AclPermissionNames.ToS3Name(grant.Permission) + " " + who;
    }

    /// <summary>A header lookup over the given name/value pairs, case-insensitive as HTTP header names are.</summary>
    public static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}
