using Nuage.Iam.Acls;
using static Nuage.Iam.Tests.Acls.AclTestData;

namespace Nuage.Iam.Tests.Acls;

public sealed class PublicAccessTests
{
    [Theory]
    [InlineData("private", false)]
    [InlineData("public-read", true)]
    [InlineData("public-read-write", true)]
    [InlineData("authenticated-read", true)]
    [InlineData("aws-exec-read", false)]
    [InlineData("bucket-owner-read", false)]
    [InlineData("bucket-owner-full-control", false)]
    [InlineData("log-delivery-write", false)]
    public void Canned_acl_is_public_when_it_grants_AllUsers_or_AuthenticatedUsers(string canned, bool isPublic)
    {
        Assert.Equal(isPublic, AclPublicity.IsPublic(CannedAcl.Expand(canned, Owner, BucketOwner, forBucket: true)));
    }

    [Theory]
    [InlineData(AclGrantee.AllUsersUri, AclPermission.ReadAcp, true)]
    [InlineData(AclGrantee.AuthenticatedUsersUri, AclPermission.WriteAcp, true)]
    [InlineData(AclGrantee.LogDeliveryUri, AclPermission.FullControl, false)]
    public void Any_permission_to_a_public_group_makes_an_acl_public(string uri, AclPermission permission, bool isPublic)
    {
        var acl = new AccessControlList(OwnerOf(Owner), [new AclGrant(AclGrantee.Group(uri), permission)]);
        Assert.Equal(isPublic, AclPublicity.IsPublic(acl));
    }

    [Fact]
    public void Grant_to_another_account_is_not_public()
    {
        var acl = new AccessControlList(OwnerOf(Owner), [new AclGrant(AclGrantee.CanonicalUser(Other), AclPermission.FullControl)]);
        Assert.False(AclPublicity.IsPublic(acl));
    }

    public static TheoryData<bool, bool, bool, bool> Configurations => new()
    {
        { false, false, false, false },
        { true, false, false, false },
        { false, true, false, false },
        { false, false, true, false },
        { false, false, false, true },
        { true, true, true, true },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Public_access_block_json_round_trips(bool blockAcls, bool ignoreAcls, bool blockPolicy, bool restrict)
    {
        var config = new PublicAccessBlockConfiguration(blockAcls, ignoreAcls, blockPolicy, restrict);
        Assert.Equal(config, PublicAccessBlockConfiguration.FromJson(config.ToJson()));
    }

    [Fact]
    public void Public_access_block_json_is_versioned()
    {
        Assert.Equal(
            """{"version":1,"blockPublicAcls":true,"ignorePublicAcls":false,"blockPublicPolicy":true,"restrictPublicBuckets":false}""",
            new PublicAccessBlockConfiguration(true, false, true, false).ToJson());
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"version":2,"blockPublicAcls":true,"ignorePublicAcls":false,"blockPublicPolicy":true,"restrictPublicBuckets":false}""")]
    [InlineData("""{"version":1,"blockPublicAcls":true}""")]
    [InlineData("""{"version":1,"blockPublicAcls":"yes","ignorePublicAcls":false,"blockPublicPolicy":true,"restrictPublicBuckets":false}""")]
    public void Unreadable_public_access_block_is_a_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => PublicAccessBlockConfiguration.FromJson(json));
    }

    [Fact]
    public void Bucket_and_account_settings_combine_to_the_most_restrictive()
    {
        var bucket = new PublicAccessBlockConfiguration(true, false, false, true);
        var account = new PublicAccessBlockConfiguration(false, true, false, false);
        Assert.Equal(new PublicAccessBlockConfiguration(true, true, false, true), bucket.Combine(account));
        Assert.Equal(bucket, bucket.Combine(PublicAccessBlockConfiguration.None));
        Assert.Equal(PublicAccessBlockConfiguration.All, bucket.Combine(PublicAccessBlockConfiguration.All));
    }
}
