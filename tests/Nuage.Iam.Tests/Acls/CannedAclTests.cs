using Nuage.Iam.Acls;
using static Nuage.Iam.Tests.Acls.AclTestData;

namespace Nuage.Iam.Tests.Acls;

public sealed class CannedAclTests
{
    // Expected grants per canned ACL, from "Access control list (ACL) overview", "Canned ACL". Owner writes into
    // BucketOwner's bucket, so the bucket-owner-* ACLs name a second account.
    public static TheoryData<string, bool, string[]> Expansions => new()
    {
        { "private", true, ["FULL_CONTROL id=111122223333"] },
        { "private", false, ["FULL_CONTROL id=111122223333"] },
        { "public-read", true, ["READ uri=AllUsers", "FULL_CONTROL id=111122223333"] },
        { "public-read", false, ["READ uri=AllUsers", "FULL_CONTROL id=111122223333"] },
        { "public-read-write", true, ["READ uri=AllUsers", "WRITE uri=AllUsers", "FULL_CONTROL id=111122223333"] },
        { "public-read-write", false, ["READ uri=AllUsers", "WRITE uri=AllUsers", "FULL_CONTROL id=111122223333"] },
        { "authenticated-read", true, ["READ uri=AuthenticatedUsers", "FULL_CONTROL id=111122223333"] },
        { "authenticated-read", false, ["READ uri=AuthenticatedUsers", "FULL_CONTROL id=111122223333"] },
        { "aws-exec-read", true, ["FULL_CONTROL id=111122223333"] },
        { "aws-exec-read", false, ["FULL_CONTROL id=111122223333"] },
        { "bucket-owner-read", true, ["FULL_CONTROL id=111122223333"] },
        { "bucket-owner-read", false, ["READ id=777788889999", "FULL_CONTROL id=111122223333"] },
        { "bucket-owner-full-control", true, ["FULL_CONTROL id=111122223333"] },
        { "bucket-owner-full-control", false, ["FULL_CONTROL id=777788889999", "FULL_CONTROL id=111122223333"] },
        { "log-delivery-write", true, ["WRITE uri=LogDelivery", "READ_ACP uri=LogDelivery", "FULL_CONTROL id=111122223333"] },
    };

    [Theory]
    [MemberData(nameof(Expansions))]
    public void Canned_acl_expands_to_AWS_grants(string name, bool forBucket, string[] expected)
    {
        var acl = CannedAcl.Expand(name, Owner, forBucket ? null : BucketOwner, forBucket, "alice");
        Assert.Equal(new AclOwner(Owner, "alice"), acl.Owner);
        Assert.Equal(expected, Describe(acl.Grants));
    }

    [Fact]
    public void Every_canned_name_is_covered_by_the_expansion_table()
    {
        var covered = Expansions.Select(row => (string)row[0]).Distinct().Order();
        Assert.Equal(CannedAcl.Names.Order(), covered);
    }

    [Theory]
    [InlineData("bucket-owner-read")]
    [InlineData("bucket-owner-full-control")]
    public void Bucket_owner_acl_written_by_the_bucket_owner_has_one_grant(string name)
    {
        var acl = CannedAcl.Expand(name, Owner, Owner, forBucket: false);
        Assert.Equal(["FULL_CONTROL id=111122223333"], Describe(acl.Grants));
    }

    [Fact]
    public void Object_without_a_bucket_owner_counts_its_own_owner_as_bucket_owner()
    {
        var acl = CannedAcl.Expand("bucket-owner-full-control", Owner, null, forBucket: false);
        Assert.Equal(["FULL_CONTROL id=111122223333"], Describe(acl.Grants));
    }

    [Fact]
    public void Owner_display_name_defaults_to_the_account_id()
    {
        Assert.Equal(new AclOwner(Owner, Owner), CannedAcl.Expand("private", Owner, null, true).Owner);
    }

    [Theory]
    [InlineData("public-write", true)]
    [InlineData("PRIVATE", true)]
    [InlineData("Public-Read", false)]
    [InlineData("", false)]
    [InlineData("log-delivery-write", false)]
    public void Unknown_or_misplaced_canned_acl_is_InvalidArgument(string name, bool forBucket)
    {
        var error = Assert.Throws<AclException>(() => CannedAcl.Expand(name, Owner, null, forBucket));
        Assert.Equal(AclErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData("private", true)]
    [InlineData("log-delivery-write", true)]
    [InlineData("public-write", false)]
    [InlineData(null, false)]
    public void IsKnown_recognises_exactly_the_canned_names(string? name, bool known)
    {
        Assert.Equal(known, CannedAcl.IsKnown(name));
    }
}
