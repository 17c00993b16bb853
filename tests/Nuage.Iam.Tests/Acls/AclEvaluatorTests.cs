using Nuage.Iam.Acls;
using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Acls.AclTestData;

namespace Nuage.Iam.Tests.Acls;

public sealed class AclEvaluatorTests
{
    private const AclPermission R = AclPermission.Read;
    private const AclPermission W = AclPermission.Write;
    private const AclPermission RA = AclPermission.ReadAcp;
    private const AclPermission WA = AclPermission.WriteAcp;
    private const AclPermission FC = AclPermission.FullControl;

    // "Mapping of ACL permissions and access policy permissions", written out independently of the evaluator: which
    // granted permissions allow the action to another account. Actions absent from AWS's table are granted by
    // nothing; object WRITE is "not applicable"; bucket WRITE allows DeleteObjectVersion to the bucket owner only.
    private static readonly (AclResourceKind Kind, string Action, AclPermission[] AllowedBy)[] Table =
    [
        (AclResourceKind.Bucket, "s3:ListBucket", [R, FC]),
        (AclResourceKind.Bucket, "s3:ListBucketVersions", [R, FC]),
        (AclResourceKind.Bucket, "s3:ListBucketMultipartUploads", [R, FC]),
        (AclResourceKind.Bucket, "s3:PutObject", [W, FC]),
        (AclResourceKind.Bucket, "s3:DeleteObject", [W, FC]),
        (AclResourceKind.Bucket, "s3:DeleteObjectVersion", []),
        (AclResourceKind.Bucket, "s3:GetBucketAcl", [RA, FC]),
        (AclResourceKind.Bucket, "s3:PutBucketAcl", [WA, FC]),
        (AclResourceKind.Bucket, "s3:GetObject", []),
        (AclResourceKind.Bucket, "s3:GetObjectAcl", []),
        (AclResourceKind.Bucket, "s3:PutObjectAcl", []),
        (AclResourceKind.Bucket, "s3:GetBucketPolicy", []),
        (AclResourceKind.Bucket, "s3:PutBucketPolicy", []),
        (AclResourceKind.Bucket, "s3:DeleteBucket", []),
        (AclResourceKind.Bucket, "s3:AbortMultipartUpload", []),
        (AclResourceKind.Bucket, "s3:GetBucketOwnershipControls", []),
        (AclResourceKind.Object, "s3:GetObject", [R, FC]),
        (AclResourceKind.Object, "s3:GetObjectVersion", [R, FC]),
        (AclResourceKind.Object, "s3:GetObjectTorrent", [R, FC]),
        (AclResourceKind.Object, "s3:GetObjectAcl", [RA, FC]),
        (AclResourceKind.Object, "s3:GetObjectVersionAcl", [RA, FC]),
        (AclResourceKind.Object, "s3:PutObjectAcl", [WA, FC]),
        (AclResourceKind.Object, "s3:PutObjectVersionAcl", [WA, FC]),
        (AclResourceKind.Object, "s3:PutObject", []),
        (AclResourceKind.Object, "s3:DeleteObject", []),
        (AclResourceKind.Object, "s3:ListBucket", []),
        (AclResourceKind.Object, "s3:GetObjectTagging", []),
        (AclResourceKind.Object, "s3:PutObjectTagging", []),
        (AclResourceKind.Object, "s3:GetBucketAcl", []),
    ];

    public static TheoryData<AclResourceKind, string, AclPermission, bool> Cells()
    {
        var data = new TheoryData<AclResourceKind, string, AclPermission, bool>();
        foreach (var (kind, action, allowedBy) in Table)
        {
            foreach (var permission in Enum.GetValues<AclPermission>())
            {
                data.Add(kind, action, permission, allowedBy.Contains(permission));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Granted_permission_allows_exactly_the_mapped_actions(AclResourceKind kind, string action, AclPermission granted, bool allowed)
    {
        var acl = new AccessControlList(OwnerOf(Owner), [new AclGrant(AclGrantee.CanonicalUser(Other), granted)]);
        Assert.Equal(allowed, AclEvaluator.IsAllowed(acl, kind, AclRequester.Account(Other), action));
    }

    [Fact]
    public void Every_grantable_action_is_in_the_mapping_table()
    {
        var mapped = Table.Where(row => row.AllowedBy.Length > 0).Select(row => row.Action).Append("s3:DeleteObjectVersion");
        Assert.Equal(mapped.Order(StringComparer.Ordinal), AclEvaluator.GrantableActions.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(AclPermission.Write, true)]
    [InlineData(AclPermission.FullControl, true)]
    [InlineData(AclPermission.Read, false)]
    [InlineData(AclPermission.WriteAcp, false)]
    public void Bucket_write_lets_the_bucket_owner_delete_versions(AclPermission granted, bool allowed)
    {
        var acl = new AccessControlList(OwnerOf(Owner), [new AclGrant(AclGrantee.CanonicalUser(Owner), granted)]);
        Assert.Equal(allowed, AclEvaluator.IsAllowed(acl, AclResourceKind.Bucket, AclRequester.Account(Owner), "s3:DeleteObjectVersion"));
    }

    [Fact]
    public void Public_write_never_lets_others_delete_versions()
    {
        var acl = CannedAcl.Expand("public-read-write", Owner, null, forBucket: true);
        Assert.True(AclEvaluator.IsAllowed(acl, AclResourceKind.Bucket, AclRequester.Anonymous, "s3:DeleteObject"));
        Assert.False(AclEvaluator.IsAllowed(acl, AclResourceKind.Bucket, AclRequester.Anonymous, "s3:DeleteObjectVersion"));
    }

    public static TheoryData<string, string, bool> Requesters => new()
    {
        // grantee, requester ("anonymous" or an account id), allowed
        { "id", Other, true },
        { "id", Owner, false },
        { "id", "anonymous", false },
        { "AllUsers", "anonymous", true },
        { "AllUsers", Other, true },
        { "AllUsers", Owner, true },
        { "AuthenticatedUsers", "anonymous", false },
        { "AuthenticatedUsers", Other, true },
        { "AuthenticatedUsers", Owner, true },
        { "LogDelivery", "anonymous", false },
        { "LogDelivery", Other, false },
        { "LogDelivery", Owner, false },
    };

    [Theory]
    [MemberData(nameof(Requesters))]
    public void Grantee_matches_anonymous_authenticated_owner_and_other_account(string grantee, string requester, bool allowed)
    {
        var acl = new AccessControlList(OwnerOf(Owner), [new AclGrant(Grantee(grantee), AclPermission.Read)]);
        var who = requester == "anonymous" ? AclRequester.Anonymous : AclRequester.Account(requester);
        Assert.Equal(allowed, AclEvaluator.IsAllowed(acl, AclResourceKind.Object, who, "s3:GetObject"));
    }

    [Theory]
    [InlineData("id", true)]
    [InlineData("AllUsers", false)]
    [InlineData("AuthenticatedUsers", false)]
    public void Ignoring_public_acls_drops_only_group_grants_to_the_public(string grantee, bool allowed)
    {
        var acl = new AccessControlList(OwnerOf(Owner), [new AclGrant(Grantee(grantee), AclPermission.Read)]);
        Assert.Equal(allowed, AclEvaluator.IsAllowed(acl, AclResourceKind.Object, AclRequester.Account(Other), "s3:GetObject", ignorePublicGrants: true));
        Assert.True(AclEvaluator.IsAllowed(acl, AclResourceKind.Object, AclRequester.Account(Other), "s3:GetObject"));
    }

    [Theory]
    [InlineData("s3:getobject")]
    [InlineData("S3:GETOBJECT")]
    public void Action_names_are_case_insensitive(string action)
    {
        var acl = CannedAcl.Expand("public-read", Owner, null, forBucket: false);
        Assert.True(AclEvaluator.IsAllowed(acl, AclResourceKind.Object, AclRequester.Anonymous, action));
    }

    [Fact]
    public void Owner_without_a_grant_gets_nothing_from_the_acl()
    {
        var acl = new AccessControlList(OwnerOf(Owner), []);
        Assert.False(AclEvaluator.IsAllowed(acl, AclResourceKind.Bucket, AclRequester.Account(Owner), "s3:GetBucketAcl"));
    }

    [Theory]
    [InlineData("s3:ListBucket", AclResourceKind.Bucket)]
    [InlineData("s3:PutObject", AclResourceKind.Bucket)]
    [InlineData("s3:DeleteObjectVersion", AclResourceKind.Bucket)]
    [InlineData("s3:GetObject", AclResourceKind.Object)]
    [InlineData("s3:PutObjectAcl", AclResourceKind.Object)]
    [InlineData("s3:GetBucketPolicy", null)]
    public void Each_action_consults_one_acl(string action, AclResourceKind? kind)
    {
        Assert.Equal(kind, AclEvaluator.ConsultedAcl(action));
    }

    [Theory]
    [InlineData(PolicyPrincipalKind.Anonymous, null)]
    [InlineData(PolicyPrincipalKind.AccountRoot, Owner)]
    [InlineData(PolicyPrincipalKind.User, Owner)]
    [InlineData(PolicyPrincipalKind.AssumedRole, Owner)]
    public void Every_signed_principal_acts_for_its_account(PolicyPrincipalKind kind, string? account)
    {
        var principal = kind switch
        {
            PolicyPrincipalKind.Anonymous => PolicyPrincipal.Anonymous,
            PolicyPrincipalKind.AccountRoot => PolicyPrincipal.Root(Owner),
            PolicyPrincipalKind.User => PolicyPrincipal.User(Owner, "alice", "AIDAALICE"),
            _ => PolicyPrincipal.AssumedRole(Owner, "reader", "AROAREADER", "s1"),
        };
        var requester = AclRequester.From(principal);
        Assert.Equal(account, requester.AccountId);
        Assert.Equal(account is not null, requester.IsAuthenticated);
    }

    private static AclGrantee Grantee(string name) => name switch
    {
        "id" => AclGrantee.CanonicalUser(Other),
        "AllUsers" => AclGrantee.AllUsers,
        "AuthenticatedUsers" => AclGrantee.AuthenticatedUsers,
        _ => AclGrantee.LogDelivery,
    };
}
