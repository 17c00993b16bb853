using Nuage.Iam.Acls;
using Nuage.S3.Errors;
using Nuage.S3.Xml;
using static Nuage.S3.Tests.Xml.XmlTestIo;

namespace Nuage.S3.Tests.Xml;

public sealed class AccessControlPolicyDocumentTests
{
    private const string Owner = "111122223333";
    private const string Xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    [Fact]
    public void Acl_renders_owner_canonical_user_and_group_grants()
    {
        var acl = CannedAcl.Expand("public-read", Owner, null, forBucket: true, "alice");
        Assert.Equal(
            Declaration + "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Owner><ID>111122223333</ID><DisplayName>alice</DisplayName></Owner><AccessControlList>"
            + $"<Grant><Grantee {Xsi} xsi:type=\"Group\"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>"
            + "<Permission>READ</Permission></Grant>"
            + $"<Grant><Grantee {Xsi} xsi:type=\"CanonicalUser\"><ID>111122223333</ID><DisplayName>alice</DisplayName></Grantee>"
            + "<Permission>FULL_CONTROL</Permission></Grant>"
            + "</AccessControlList></AccessControlPolicy>",
            Render(xml => AccessControlPolicyDocument.Write(xml, acl)));
    }

    [Fact]
    public void Grantee_without_display_name_renders_only_its_id()
    {
        var acl = new AccessControlList(new AclOwner(Owner, "alice"), [new AclGrant(AclGrantee.CanonicalUser("444455556666"), AclPermission.WriteAcp)]);
        Assert.Contains(
            $"<Grant><Grantee {Xsi} xsi:type=\"CanonicalUser\"><ID>444455556666</ID></Grantee><Permission>WRITE_ACP</Permission></Grant>",
            Render(xml => AccessControlPolicyDocument.Write(xml, acl)),
            StringComparison.Ordinal);
    }

    public static TheoryData<string> CannedNames => new(CannedAcl.Names);

    [Theory]
    [MemberData(nameof(CannedNames))]
    public async Task Rendered_acl_parses_back_to_the_same_acl(string canned)
    {
        var acl = CannedAcl.Expand(canned, Owner, "777788889999", forBucket: canned == CannedAcl.LogDeliveryWrite, "alice");
        var document = AccessControlPolicyDocument.Parse(await BodyAsync(Render(xml => AccessControlPolicyDocument.Write(xml, acl))));
        Assert.Equal(acl.Owner, document.Owner);
        Assert.Equal(acl.Grants, document.Grants);
        Assert.Equal(acl.Grants, document.ToAcl(acl.Owner).Grants);
    }

    [Fact]
    public async Task Request_body_accepts_every_grantee_type_with_or_without_namespace()
    {
        const string body = "<AccessControlPolicy><Owner><ID>111122223333</ID></Owner><AccessControlList>"
            + "<Grant><Grantee xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\" x:type=\"CanonicalUser\"><ID> 444455556666 </ID><DisplayName>bob</DisplayName></Grantee><Permission>READ</Permission></Grant>"
            + $"<Grant><Grantee {Xsi} xsi:type=\"Group\"><URI>http://acs.amazonaws.com/groups/s3/LogDelivery</URI></Grantee><Permission>WRITE</Permission></Grant>"
            + $"<Grant><Grantee {Xsi} xsi:type=\"AmazonCustomerByEmail\"><EmailAddress>a@example.com</EmailAddress></Grantee><Permission>READ_ACP</Permission></Grant>"
            + "</AccessControlList></AccessControlPolicy>";
        var document = AccessControlPolicyDocument.Parse(await BodyAsync(body));
        Assert.Equal(new AclOwner(Owner, Owner), document.Owner);
        Assert.Equal(
            [
                new AclGrant(AclGrantee.CanonicalUser("444455556666", "bob"), AclPermission.Read),
                new AclGrant(AclGrantee.LogDelivery, AclPermission.Write),
                new AclGrant(AclGrantee.Email("a@example.com"), AclPermission.ReadAcp),
            ],
            document.Grants);
        var error = Assert.Throws<AclException>(() => document.ToAcl(new AclOwner(Owner, "alice")));
        Assert.Equal(AclErrorCode.UnresolvableGrantByEmailAddress, error.Code);
    }

    [Fact]
    public async Task Body_without_owner_and_grants_is_an_empty_acl()
    {
        var document = AccessControlPolicyDocument.Parse(await BodyAsync("<AccessControlPolicy><AccessControlList/></AccessControlPolicy>"));
        Assert.Null(document.Owner);
        Assert.Empty(document.Grants);
    }

    private const string Grant = "<Grant><Grantee " + Xsi + " xsi:type=\"CanonicalUser\"><ID>111122223333</ID></Grantee><Permission>READ</Permission></Grant>";

    [Theory]
    [InlineData("<AccessControlList>" + Grant + "</AccessControlList>")]
    [InlineData("<AccessControlPolicy><Owner><ID>111122223333</ID></Owner></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList/><AccessControlList/></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><Owner/><AccessControlList/></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><Owner><ID>1</ID></Owner><Owner><ID>2</ID></Owner><AccessControlList/></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee><ID>111122223333</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee " + Xsi + " xsi:type=\"User\"><ID>111122223333</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee " + Xsi + " xsi:type=\"CanonicalUser\"><DisplayName>a</DisplayName></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee " + Xsi + " xsi:type=\"Group\"/><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee " + Xsi + " xsi:type=\"AmazonCustomerByEmail\"/><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee " + Xsi + " xsi:type=\"CanonicalUser\"><ID>111122223333</ID></Grantee></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee " + Xsi + " xsi:type=\"CanonicalUser\"><ID>111122223333</ID></Grantee><Permission>read</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee " + Xsi + " xsi:type=\"CanonicalUser\"><ID>111122223333</ID></Grantee><Permission>EVERYTHING</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    public async Task Body_that_is_not_an_access_control_policy_is_MalformedACLError(string body)
    {
        var root = await BodyAsync(body);
        var error = Assert.Throws<S3Exception>(() => AccessControlPolicyDocument.Parse(root));
        Assert.Equal("MalformedACLError", error.Error.Code);
        Assert.Equal(400, error.Error.Status);
    }

    [Fact]
    public void Missing_body_is_MalformedACLError()
    {
        Assert.Equal("MalformedACLError", Assert.Throws<S3Exception>(() => AccessControlPolicyDocument.Parse(null)).Error.Code);
    }

    [Fact]
    public async Task Body_that_is_not_xml_is_MalformedXML()
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => BodyAsync("<AccessControlPolicy><AccessControlList>"));
        Assert.Equal("MalformedXML", error.Error.Code);
    }

    [Theory]
    [InlineData("CanonicalUser", "<ID>79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be</ID>")]
    [InlineData("Group", "<URI>http://acs.amazonaws.com/groups/global/Everybody</URI>")]
    public async Task Unknown_id_or_group_is_InvalidArgument(string type, string content)
    {
        var root = await BodyAsync(
            $"<AccessControlPolicy><AccessControlList><Grant><Grantee {Xsi} xsi:type=\"{type}\">{content}</Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>");
        Assert.Equal(AclErrorCode.InvalidArgument, Assert.Throws<AclException>(() => AccessControlPolicyDocument.Parse(root)).Code);
    }
}
