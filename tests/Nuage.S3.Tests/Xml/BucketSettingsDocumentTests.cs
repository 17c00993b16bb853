using Nuage.Iam.Acls;
using Nuage.S3.Errors;
using Nuage.S3.Xml;
using static Nuage.S3.Tests.Xml.XmlTestIo;

namespace Nuage.S3.Tests.Xml;

public sealed class BucketSettingsDocumentTests
{
    private const string Ns = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    [Theory]
    [InlineData(ObjectOwnership.BucketOwnerEnforced, "BucketOwnerEnforced")]
    [InlineData(ObjectOwnership.BucketOwnerPreferred, "BucketOwnerPreferred")]
    [InlineData(ObjectOwnership.ObjectWriter, "ObjectWriter")]
    public async Task Ownership_controls_render_and_parse(ObjectOwnership ownership, string name)
    {
        var xml = Render(w => OwnershipControlsDocument.Write(w, ownership));
        Assert.Equal(Declaration + $"<OwnershipControls {Ns}><Rule><ObjectOwnership>{name}</ObjectOwnership></Rule></OwnershipControls>", xml);
        Assert.Equal(ownership, OwnershipControlsDocument.Parse(await BodyAsync(xml)));
        Assert.Equal(ownership, OwnershipControlsDocument.Parse(await BodyAsync(
            $"<OwnershipControls><Rule><ObjectOwnership> {name} </ObjectOwnership></Rule></OwnershipControls>")));
    }

    [Theory]
    [InlineData("<Ownership><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></Ownership>")]
    [InlineData("<OwnershipControls/>")]
    [InlineData("<OwnershipControls><Rule/></OwnershipControls>")]
    [InlineData("<OwnershipControls><Rule><ObjectOwnership>objectwriter</ObjectOwnership></Rule></OwnershipControls>")]
    [InlineData("<OwnershipControls><Rule><ObjectOwnership>BucketOwner</ObjectOwnership></Rule></OwnershipControls>")]
    [InlineData("<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>")]
    public async Task Bad_ownership_controls_are_MalformedXML(string body)
    {
        var root = await BodyAsync(body);
        Assert.Equal("MalformedXML", Assert.Throws<S3Exception>(() => OwnershipControlsDocument.Parse(root)).Error.Code);
    }

    [Fact]
    public void Public_access_block_renders_all_four_settings()
    {
        Assert.Equal(
            Declaration + $"<PublicAccessBlockConfiguration {Ns}><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>"
            + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>",
            Render(w => PublicAccessBlockDocument.Write(w, new PublicAccessBlockConfiguration(true, false, true, false))));
    }

    public static TheoryData<bool, bool, bool, bool> Configurations => new()
    {
        { true, false, false, false },
        { false, true, false, false },
        { false, false, true, false },
        { false, false, false, true },
        { true, true, true, true },
        { false, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Public_access_block_round_trips(bool blockAcls, bool ignoreAcls, bool blockPolicy, bool restrict)
    {
        var config = new PublicAccessBlockConfiguration(blockAcls, ignoreAcls, blockPolicy, restrict);
        Assert.Equal(config, PublicAccessBlockDocument.Parse(await BodyAsync(Render(w => PublicAccessBlockDocument.Write(w, config)))));
    }

    [Theory]
    [InlineData("<PublicAccessBlockConfiguration/>", false, false)]
    [InlineData("<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration>", true, false)]
    [InlineData("<PublicAccessBlockConfiguration><RestrictPublicBuckets> TRUE </RestrictPublicBuckets></PublicAccessBlockConfiguration>", false, true)]
    [InlineData("<PublicAccessBlockConfiguration><BlockPublicAcls>False</BlockPublicAcls><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>", false, true)]
    public async Task Absent_public_access_block_settings_are_false(string body, bool blockAcls, bool restrict)
    {
        Assert.Equal(
            new PublicAccessBlockConfiguration(blockAcls, false, false, restrict),
            PublicAccessBlockDocument.Parse(await BodyAsync(body)));
    }

    [Theory]
    [InlineData("<PublicAccessBlock><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlock>")]
    [InlineData("<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls></PublicAccessBlockConfiguration>")]
    [InlineData("<PublicAccessBlockConfiguration><IgnorePublicAcls>1</IgnorePublicAcls></PublicAccessBlockConfiguration>")]
    [InlineData("<PublicAccessBlockConfiguration><BlockPublicPolicy></BlockPublicPolicy></PublicAccessBlockConfiguration>")]
    public async Task Bad_public_access_block_is_MalformedXML(string body)
    {
        var root = await BodyAsync(body);
        Assert.Equal("MalformedXML", Assert.Throws<S3Exception>(() => PublicAccessBlockDocument.Parse(root)).Error.Code);
    }

    [Fact]
    public void Missing_settings_bodies_are_MalformedXML()
    {
        Assert.Equal("MalformedXML", Assert.Throws<S3Exception>(() => PublicAccessBlockDocument.Parse(null)).Error.Code);
        Assert.Equal("MalformedXML", Assert.Throws<S3Exception>(() => OwnershipControlsDocument.Parse(null)).Error.Code);
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void Policy_status_renders_is_public(bool isPublic, string text)
    {
        Assert.Equal(
            Declaration + $"<PolicyStatus {Ns}><IsPublic>{text}</IsPublic></PolicyStatus>",
            Render(w => PolicyStatusDocument.Write(w, isPublic)));
    }

    [Theory]
    [InlineData("MalformedACLError", 400)]
    [InlineData("UnresolvableGrantByEmailAddress", 400)]
    [InlineData("AccessControlListNotSupported", 400)]
    [InlineData("InvalidBucketAclWithObjectOwnership", 400)]
    [InlineData("OwnershipControlsNotFoundError", 404)]
    [InlineData("NoSuchPublicAccessBlockConfiguration", 404)]
    public void Acl_family_errors_carry_their_S3_code_and_status(string code, int status)
    {
        var error = (S3Error?)typeof(S3Error).GetField(code)?.GetValue(null);
        Assert.NotNull(error);
        Assert.Equal((code, status), (error.Code, error.Status));
    }
}
