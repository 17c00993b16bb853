using Nuage.Iam.Acls;
using static Nuage.Iam.Tests.Acls.AclTestData;

namespace Nuage.Iam.Tests.Acls;

public sealed class AccessControlListTests
{
    public static TheoryData<string> CannedNames => new(CannedAcl.Names.Where(n => n != CannedAcl.LogDeliveryWrite));

    [Theory]
    [MemberData(nameof(CannedNames))]
    public void Json_round_trip_keeps_owner_and_grants_in_order(string canned)
    {
        var acl = CannedAcl.Expand(canned, Owner, BucketOwner, forBucket: false, "alice");
        var back = AccessControlList.FromJson(acl.ToJson());
        Assert.Equal(acl.Owner, back.Owner);
        Assert.Equal(acl.Grants, back.Grants);
    }

    [Fact]
    public void Json_round_trip_keeps_grantee_display_names_and_every_permission()
    {
        var grants = Enum.GetValues<AclPermission>()
            .Select(p => new AclGrant(AclGrantee.CanonicalUser(Other, "bob"), p))
            .Append(new AclGrant(AclGrantee.CanonicalUser(BucketOwner), AclPermission.Read))
            .Append(new AclGrant(AclGrantee.LogDelivery, AclPermission.Write));
        var acl = new AccessControlList(OwnerOf(Owner), grants);
        var back = AccessControlList.FromJson(acl.ToJson());
        Assert.Equal(acl.Grants, back.Grants);
        Assert.Equal("bob", back.Grants[0].Grantee.DisplayName);
        Assert.Null(back.Grants[5].Grantee.DisplayName);
    }

    [Fact]
    public void Json_form_is_versioned_and_readable()
    {
        var acl = CannedAcl.Expand("public-read", Owner, null, forBucket: true, "alice");
        Assert.Equal(
            """{"version":1,"owner":{"id":"111122223333","displayName":"alice"},"grants":["""
            + """{"type":"Group","uri":"http://acs.amazonaws.com/groups/global/AllUsers","permission":"READ"},"""
            + """{"type":"CanonicalUser","id":"111122223333","displayName":"alice","permission":"FULL_CONTROL"}]}""",
            acl.ToJson());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"owner":{"id":"111122223333","displayName":"a"},"grants":[]}""")]
    [InlineData("""{"version":2,"owner":{"id":"111122223333","displayName":"a"},"grants":[]}""")]
    [InlineData("""{"version":1,"grants":[]}""")]
    [InlineData("""{"version":1,"owner":{"id":"bob","displayName":"a"},"grants":[]}""")]
    [InlineData("""{"version":1,"owner":{"id":"111122223333","displayName":"a"},"grants":[{"type":"Email","id":"x","permission":"READ"}]}""")]
    [InlineData("""{"version":1,"owner":{"id":"111122223333","displayName":"a"},"grants":[{"type":"Group","uri":"http://x","permission":"READ"}]}""")]
    [InlineData("""{"version":1,"owner":{"id":"111122223333","displayName":"a"},"grants":[{"type":"CanonicalUser","id":"111122223333","permission":"read"}]}""")]
    public void Unreadable_stored_acl_is_a_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => AccessControlList.FromJson(json));
    }

    [Fact]
    public void Email_grantee_cannot_be_stored_in_an_acl()
    {
        var error = Assert.Throws<AclException>(() =>
            new AccessControlList(OwnerOf(Owner), [new AclGrant(AclGrantee.Email("a@example.com"), AclPermission.Read)]));
        Assert.Equal(AclErrorCode.UnresolvableGrantByEmailAddress, error.Code);
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void More_than_100_grants_is_MalformedAcl(int count, bool refused)
    {
        var grants = Enumerable.Repeat(new AclGrant(AclGrantee.AllUsers, AclPermission.Read), count);
        var error = Record.Exception(() => new AccessControlList(OwnerOf(Owner), grants));
        Assert.Equal(refused, error is AclException { Code: AclErrorCode.MalformedAcl });
        Assert.Equal(refused, error is not null);
    }

    [Fact]
    public void Private_acl_gives_the_owner_full_control_only()
    {
        Assert.Equal(["FULL_CONTROL id=111122223333"], Describe(AccessControlList.Private(OwnerOf(Owner)).Grants));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901")]
    [InlineData("1234567890123")]
    [InlineData("11112222333a")]
    [InlineData("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be")]
    public void Canonical_user_id_must_be_a_12_digit_account_id(string id)
    {
        Assert.Equal(AclErrorCode.InvalidArgument, Assert.Throws<AclException>(() => AclGrantee.CanonicalUser(id)).Code);
    }

    [Theory]
    [InlineData(AclGrantee.AllUsersUri, true)]
    [InlineData(AclGrantee.AuthenticatedUsersUri, true)]
    [InlineData(AclGrantee.LogDeliveryUri, false)]
    public void Group_grantees_know_whether_they_are_public(string uri, bool isPublic)
    {
        var grantee = AclGrantee.Group(uri);
        Assert.Equal(AclGranteeKind.Group, grantee.Kind);
        Assert.Equal(uri, grantee.Uri);
        Assert.Equal(isPublic, grantee.IsPublicGroup);
    }

    [Fact]
    public void Same_grantee_ignores_display_names()
    {
        Assert.True(AclGrantee.CanonicalUser(Owner, "a").SameGranteeAs(AclGrantee.CanonicalUser(Owner)));
        Assert.False(AclGrantee.CanonicalUser(Owner).SameGranteeAs(AclGrantee.CanonicalUser(Other)));
    }

    [Theory]
    [InlineData("FULL_CONTROL", AclPermission.FullControl)]
    [InlineData("READ", AclPermission.Read)]
    [InlineData("WRITE", AclPermission.Write)]
    [InlineData("READ_ACP", AclPermission.ReadAcp)]
    [InlineData("WRITE_ACP", AclPermission.WriteAcp)]
    public void Permission_names_round_trip(string name, AclPermission permission)
    {
        Assert.Equal(name, AclPermissionNames.ToS3Name(permission));
        Assert.True(AclPermissionNames.TryParse(name, out var parsed));
        Assert.Equal(permission, parsed);
    }

    [Theory]
    [InlineData("read")]
    [InlineData("FULLCONTROL")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_permission_names_are_refused(string? name)
    {
        Assert.False(AclPermissionNames.TryParse(name, out _));
    }
}
