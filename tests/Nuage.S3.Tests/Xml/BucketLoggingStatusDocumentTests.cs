using Nuage.Iam.Acls;
using Nuage.S3.AccessLogging;
using Nuage.S3.Errors;
using Nuage.S3.Xml;
using static Nuage.S3.Tests.Xml.XmlTestIo;

namespace Nuage.S3.Tests.Xml;

public sealed class BucketLoggingStatusDocumentTests
{
    private const string Ns = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    [Fact]
    public async Task A_partitioned_configuration_with_a_grant_renders_parses_and_survives_storage()
    {
        var body = "<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket>"
            + "<TargetGrants><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
            + "<URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee><Permission>READ</Permission></Grant></TargetGrants>"
            + "<TargetPrefix>app/</TargetPrefix><TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>EventTime</PartitionDateSource>"
            + "</PartitionedPrefix></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>";
        var parsed = BucketLoggingStatusDocument.Parse(await BodyAsync(body))!;
        Assert.Equal(("logs", "app/", AccessLogKeyFormat.PartitionedPrefix, PartitionDateSource.EventTime),
            (parsed.TargetBucket, parsed.TargetPrefix, parsed.KeyFormat, parsed.DateSource));
        Assert.Equal(AclPermission.Read, Assert.Single(parsed.TargetGrants).Permission);
        Assert.True(parsed.PartitionsByEventTime);

        Assert.Equal(
            Declaration + $"<BucketLoggingStatus {Ns}><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetGrants><Grant>"
            + "<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"><URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee>"
            + "<Permission>READ</Permission></Grant></TargetGrants><TargetPrefix>app/</TargetPrefix><TargetObjectKeyFormat><PartitionedPrefix>"
            + "<PartitionDateSource>EventTime</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>",
            Render(xml => BucketLoggingStatusDocument.Write(xml, parsed)));
        Assert.Equal(parsed.TargetPrefix, BucketLoggingStatusDocument.FromStored(BucketLoggingStatusDocument.ToStored(parsed)).TargetPrefix);
    }

    [Fact]
    public async Task An_empty_status_turns_logging_off_and_renders_empty()
    {
        Assert.Null(BucketLoggingStatusDocument.Parse(await BodyAsync($"<BucketLoggingStatus {Ns}/>")));
        Assert.Equal(Declaration + $"<BucketLoggingStatus {Ns} />", Render(xml => BucketLoggingStatusDocument.Write(xml, null)));
    }

    [Theory]
    [InlineData("<LoggingStatus/>")]
    [InlineData("<BucketLoggingStatus><LoggingEnabled><TargetPrefix>p</TargetPrefix></LoggingEnabled></BucketLoggingStatus>")]
    [InlineData("<BucketLoggingStatus><LoggingEnabled><TargetBucket>b</TargetBucket></LoggingEnabled></BucketLoggingStatus>")]
    [InlineData("<BucketLoggingStatus><LoggingEnabled><TargetBucket>b</TargetBucket><TargetPrefix>p</TargetPrefix><TargetObjectKeyFormat>"
        + "<SimplePrefix/><PartitionedPrefix/></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>")]
    [InlineData("<BucketLoggingStatus><LoggingEnabled><TargetBucket>b</TargetBucket><TargetPrefix>p</TargetPrefix><TargetObjectKeyFormat>"
        + "<PartitionedPrefix><PartitionDateSource>Tomorrow</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>")]
    [InlineData("<BucketLoggingStatus><LoggingEnabled><TargetBucket>b</TargetBucket><TargetPrefix>p</TargetPrefix><TargetGrants><Grant>"
        + "<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>"
        + "<Permission>READ_ACP</Permission></Grant></TargetGrants></LoggingEnabled></BucketLoggingStatus>")]
    public async Task A_document_S3_would_not_accept_is_MalformedXML(string body)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(async () => BucketLoggingStatusDocument.Parse(await BodyAsync(body)));
        Assert.Equal("MalformedXML", error.Error.Code);
    }
}
