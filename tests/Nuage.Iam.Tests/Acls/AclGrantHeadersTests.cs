using Nuage.Iam.Acls;
using static Nuage.Iam.Tests.Acls.AclTestData;

namespace Nuage.Iam.Tests.Acls;

public sealed class AclGrantHeadersTests
{
    [Theory]
    [InlineData("id=\"111122223333\"", new[] { "READ id=111122223333" })]
    [InlineData("id=111122223333", new[] { "READ id=111122223333" })]
    [InlineData("ID=\"111122223333\"", new[] { "READ id=111122223333" })]
    [InlineData("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"", new[] { "READ uri=AllUsers" })]
    [InlineData("uri=http://acs.amazonaws.com/groups/global/AuthenticatedUsers", new[] { "READ uri=AuthenticatedUsers" })]
    [InlineData("uri=\"http://acs.amazonaws.com/groups/s3/LogDelivery\"", new[] { "READ uri=LogDelivery" })]
    [InlineData("emailAddress=\"a@example.com\"", new[] { "READ email=a@example.com" })]
    [InlineData("emailaddress=a@example.com", new[] { "READ email=a@example.com" })]
    [InlineData("id=\"111122223333\",id=\"444455556666\"", new[] { "READ id=111122223333", "READ id=444455556666" })]
    [InlineData("  id = \"111122223333\" ,\turi=\"http://acs.amazonaws.com/groups/global/AllUsers\"  ", new[] { "READ id=111122223333", "READ uri=AllUsers" })]
    [InlineData("id=111122223333, id=444455556666", new[] { "READ id=111122223333", "READ id=444455556666" })]
    public void Grant_header_value_lists_grantees(string value, string[] expected)
    {
        Assert.Equal(expected, Describe(AclGrantHeaders.Parse(AclPermission.Read, value)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("111122223333")]
    [InlineData("id=")]
    [InlineData("id=\"\"")]
    [InlineData("=\"111122223333\"")]
    [InlineData("id=\"111122223333")]
    [InlineData("id=\"111122223333\" id=\"444455556666\"")]
    [InlineData("id=\"111122223333\",")]
    [InlineData("id=\"111122223333\",,id=\"444455556666\"")]
    [InlineData("user=\"111122223333\"")]
    [InlineData("id=\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"")]
    [InlineData("id=\"11112222333\"")]
    [InlineData("uri=\"http://acs.amazonaws.com/groups/global/Everyone\"")]
    [InlineData("uri=\"http://acs.amazonaws.com/groups/global/allusers\"")]
    public void Malformed_grant_header_is_InvalidArgument(string value)
    {
        var error = Assert.Throws<AclException>(() => AclGrantHeaders.Parse(AclPermission.Read, value));
        Assert.Equal(AclErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData(AclPermission.Read, "x-amz-grant-read", "READ")]
    [InlineData(AclPermission.Write, "x-amz-grant-write", "WRITE")]
    [InlineData(AclPermission.ReadAcp, "x-amz-grant-read-acp", "READ_ACP")]
    [InlineData(AclPermission.WriteAcp, "x-amz-grant-write-acp", "WRITE_ACP")]
    [InlineData(AclPermission.FullControl, "x-amz-grant-full-control", "FULL_CONTROL")]
    public void Each_grant_header_grants_its_permission(AclPermission permission, string header, string wireName)
    {
        Assert.Equal(header, AclGrantHeaders.HeaderName(permission));
        var acl = AclGrantHeaders.FromRequest(Headers((header, "id=\"444455556666\"")), OwnerOf(Owner), null, forBucket: true);
        Assert.NotNull(acl);
        Assert.Equal([wireName + " id=444455556666"], Describe(acl.Grants));
    }

    [Fact]
    public void Grant_headers_replace_the_whole_acl_in_header_order()
    {
        var acl = AclGrantHeaders.FromRequest(
            Headers(
                ("x-amz-grant-full-control", "id=\"111122223333\""),
                ("x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""),
                ("x-amz-grant-write-acp", "id=\"444455556666\"")),
            OwnerOf(Owner),
            null,
            forBucket: false);
        Assert.NotNull(acl);
        Assert.Equal(OwnerOf(Owner), acl.Owner);
        Assert.Equal(["READ uri=AllUsers", "WRITE_ACP id=444455556666", "FULL_CONTROL id=111122223333"], Describe(acl.Grants));
    }

    [Fact]
    public void Canned_header_expands_with_the_owner_and_bucket_owner()
    {
        var acl = AclGrantHeaders.FromRequest(Headers(("x-amz-acl", "bucket-owner-read")), OwnerOf(Owner), BucketOwner, forBucket: false);
        Assert.NotNull(acl);
        Assert.Equal(OwnerOf(Owner), acl.Owner);
        Assert.Equal(["READ id=777788889999", "FULL_CONTROL id=111122223333"], Describe(acl.Grants));
    }

    [Fact]
    public void No_acl_header_means_no_acl()
    {
        Assert.Null(AclGrantHeaders.FromRequest(Headers(("content-type", "text/plain")), OwnerOf(Owner), null, forBucket: true));
    }

    [Theory]
    [InlineData("x-amz-grant-read")]
    [InlineData("x-amz-grant-full-control")]
    public void Canned_acl_with_a_grant_header_is_InvalidRequest(string grantHeader)
    {
        var error = Assert.Throws<AclException>(() => AclGrantHeaders.FromRequest(
            Headers(("x-amz-acl", "private"), (grantHeader, "id=\"111122223333\"")), OwnerOf(Owner), null, forBucket: true));
        Assert.Equal(AclErrorCode.InvalidRequest, error.Code);
        Assert.Equal("Specifying both Canned ACLs and Header Grants is not allowed", error.Message);
    }

    [Fact]
    public void Email_grantee_in_a_header_is_UnresolvableGrantByEmailAddress()
    {
        var error = Assert.Throws<AclException>(() => AclGrantHeaders.FromRequest(
            Headers(("x-amz-grant-read", "emailAddress=\"a@example.com\"")), OwnerOf(Owner), null, forBucket: true));
        Assert.Equal(AclErrorCode.UnresolvableGrantByEmailAddress, error.Code);
    }

    [Fact]
    public void Unknown_canned_header_is_InvalidArgument()
    {
        var error = Assert.Throws<AclException>(() => AclGrantHeaders.FromRequest(
            Headers(("x-amz-acl", "everyone")), OwnerOf(Owner), null, forBucket: true));
        Assert.Equal(AclErrorCode.InvalidArgument, error.Code);
    }
}
