using Nuage.Iam.Acls;
using static Nuage.Iam.Tests.Acls.AclTestData;

namespace Nuage.Iam.Tests.Acls;

public sealed class ObjectOwnershipRulesTests
{
    [Theory]
    [InlineData("BucketOwnerEnforced", ObjectOwnership.BucketOwnerEnforced)]
    [InlineData("BucketOwnerPreferred", ObjectOwnership.BucketOwnerPreferred)]
    [InlineData("ObjectWriter", ObjectOwnership.ObjectWriter)]
    public void S3_names_round_trip(string name, ObjectOwnership ownership)
    {
        Assert.True(ObjectOwnershipRules.TryParse(name, out var parsed));
        Assert.Equal(ownership, parsed);
        Assert.Equal(name, ObjectOwnershipRules.ToS3Name(ownership));
    }

    [Theory]
    [InlineData("bucketownerenforced")]
    [InlineData("BucketOwner")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_are_refused(string? name)
    {
        Assert.False(ObjectOwnershipRules.TryParse(name, out _));
    }

    [Theory]
    [InlineData(ObjectOwnership.BucketOwnerEnforced, false)]
    [InlineData(ObjectOwnership.BucketOwnerPreferred, true)]
    [InlineData(ObjectOwnership.ObjectWriter, true)]
    public void Only_bucket_owner_enforced_disables_acls(ObjectOwnership ownership, bool enabled)
    {
        Assert.Equal(enabled, ObjectOwnershipRules.AclsEnabled(ownership));
    }

    [Theory]
    [InlineData(ObjectOwnership.BucketOwnerEnforced, null, BucketOwner)]
    [InlineData(ObjectOwnership.BucketOwnerEnforced, "public-read", BucketOwner)]
    [InlineData(ObjectOwnership.BucketOwnerPreferred, "bucket-owner-full-control", BucketOwner)]
    [InlineData(ObjectOwnership.BucketOwnerPreferred, "private", Other)]
    [InlineData(ObjectOwnership.BucketOwnerPreferred, null, Other)]
    [InlineData(ObjectOwnership.ObjectWriter, "bucket-owner-full-control", Other)]
    [InlineData(ObjectOwnership.ObjectWriter, null, Other)]
    public void Object_owner_follows_the_setting(ObjectOwnership ownership, string? canned, string owner)
    {
        Assert.Equal(owner, ObjectOwnershipRules.ObjectOwner(ownership, Other, BucketOwner, canned));
    }

    [Theory]
    [InlineData("bucket-owner-full-control", Other, true)]
    [InlineData("bucket-owner-full-control", BucketOwner, true)]
    [InlineData("private", BucketOwner, true)]
    [InlineData("private", Other, false)]
    [InlineData("bucket-owner-read", Other, false)]
    [InlineData("public-read", BucketOwner, false)]
    [InlineData("authenticated-read", BucketOwner, false)]
    public void Writes_while_acls_are_disabled_accept_only_bucket_owner_full_control(string canned, string writer, bool accepted)
    {
        var acl = CannedAcl.Expand(canned, writer, BucketOwner, forBucket: false);
        Assert.Equal(accepted, ObjectOwnershipRules.IsAcceptedWhileAclsDisabled(acl, BucketOwner));
    }

    [Fact]
    public void Custom_acl_granting_a_third_account_is_refused_while_acls_are_disabled()
    {
        var acl = new AccessControlList(OwnerOf(Other),
        [
            new AclGrant(AclGrantee.CanonicalUser(BucketOwner), AclPermission.FullControl),
            new AclGrant(AclGrantee.CanonicalUser(Owner), AclPermission.Read),
        ]);
        Assert.False(ObjectOwnershipRules.IsAcceptedWhileAclsDisabled(acl, BucketOwner));
    }

    [Theory]
    [InlineData("private", false)]
    [InlineData("public-read", true)]
    [InlineData("authenticated-read", true)]
    [InlineData("log-delivery-write", true)]
    [InlineData("bucket-owner-full-control", false)]
    public void Bucket_acl_granting_anyone_but_the_owner_blocks_enforcement(string canned, bool blocks)
    {
        Assert.Equal(blocks, ObjectOwnershipRules.BlocksEnforcement(CannedAcl.Expand(canned, BucketOwner, null, forBucket: true)));
    }
}
