using Nuage.S3.Errors;
using Nuage.S3.Xml;
using Nuage.Storage.Replication;

namespace Nuage.S3.Tests.Xml;

/// <summary>
/// PutBucketReplication bodies as AWS documents them (S3 API reference, ReplicationConfiguration): filters with Prefix,
/// Tag and And, V1 rules with a Prefix of their own, and the errors of a malformed or ambiguous configuration.
/// </summary>
public sealed class ReplicationConfigurationDocumentTests
{
    private const string Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    [Fact]
    public async Task A_V2_rule_with_an_And_filter_reads_its_prefix_tags_priority_and_switches()
    {
        var configuration = await ParseAsync($"""
            <ReplicationConfiguration xmlns="{Ns}"><Role>arn:aws:iam::1:role/r</Role>
              <Rule><ID>docs</ID><Priority>3</Priority><Status>Enabled</Status>
                <Filter><And><Prefix>docs/</Prefix><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value>2</Value></Tag></And></Filter>
                <Destination><Bucket>arn:aws:s3:::backup</Bucket></Destination>
                <DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>
                <SourceSelectionCriteria><ReplicaModifications><Status>Enabled</Status></ReplicaModifications></SourceSelectionCriteria>
              </Rule>
            </ReplicationConfiguration>
            """);

        var rule = Assert.Single(configuration.Rules);
        Assert.Equal(("docs", 3, true, "docs/", "backup", true, true), (rule.Id, rule.Priority, rule.Enabled, rule.Prefix, rule.DestinationBucket, rule.DeleteMarkerReplication, rule.ReplicaModifications));
        Assert.Equal([new("a", "1"), new("b", "2")], rule.Tags);
        Assert.True(rule.Matches("docs/x", [new("b", "2"), new("a", "1"), new("c", "3")]));
        Assert.False(rule.Matches("docs/x", [new("a", "1")]));
        Assert.False(rule.Matches("img/x", [new("a", "1"), new("b", "2")]));

        // What GetBucketReplication answers reads back to the same configuration.
        var again = await ParseAsync(XmlTestIo.Render(xml => ReplicationConfigurationDocument.Write(xml, configuration)));
        Assert.Equal(configuration.Rules[0] with { Tags = [] }, again.Rules[0] with { Tags = [] });
        Assert.Equal(configuration.Rules[0].Tags, again.Rules[0].Tags);
    }

    [Fact]
    public async Task A_V1_rule_without_a_filter_replicates_delete_markers_and_a_V2_rule_only_when_asked()
    {
        var configuration = await ParseAsync($"""
            <ReplicationConfiguration xmlns="{Ns}"><Role>r</Role>
              <Rule><ID>v1</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::one</Bucket></Destination></Rule>
              <Rule><ID>v2</ID><Priority>2</Priority><Filter><Prefix></Prefix></Filter><Status>Disabled</Status><Destination><Bucket>arn:aws:s3:::two</Bucket></Destination></Rule>
            </ReplicationConfiguration>
            """);

        Assert.Equal(("logs/", true), (configuration.Rules[0].Prefix, configuration.Rules[0].DeleteMarkerReplication));
        Assert.Equal((false, false), (configuration.Rules[1].Enabled, configuration.Rules[1].DeleteMarkerReplication));
        Assert.Equal(["one"], configuration.Matching("logs/a", []).Select(r => r.DestinationBucket));
    }

    [Fact]
    public async Task Of_two_matching_rules_for_one_destination_the_higher_priority_wins()
    {
        var configuration = await ParseAsync($"""
            <ReplicationConfiguration xmlns="{Ns}"><Role>r</Role>
              <Rule><ID>low</ID><Priority>1</Priority><Filter><Prefix></Prefix></Filter><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule>
              <Rule><ID>high</ID><Priority>9</Priority><Filter><Prefix>a</Prefix></Filter><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule>
            </ReplicationConfiguration>
            """);

        Assert.Equal(["high"], configuration.Matching("abc", []).Select(r => r.Id));
        Assert.Equal(["low"], configuration.Matching("xyz", []).Select(r => r.Id));
    }

    [Theory]
    [InlineData("<VersioningConfiguration/>", "MalformedXML")]
    [InlineData("<ReplicationConfiguration><Rule><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule></ReplicationConfiguration>", "MalformedXML")]
    [InlineData("<ReplicationConfiguration><Role>r</Role></ReplicationConfiguration>", "MalformedXML")]
    [InlineData("<ReplicationConfiguration><Role>r</Role><Rule><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule></ReplicationConfiguration>", "MalformedXML")]
    [InlineData("<ReplicationConfiguration><Role>r</Role><Rule><Status>On</Status><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule></ReplicationConfiguration>", "MalformedXML")]
    [InlineData("<ReplicationConfiguration><Role>r</Role><Rule><Status>Enabled</Status><Destination><Bucket>d</Bucket></Destination></Rule></ReplicationConfiguration>", "InvalidArgument")]
    [InlineData("<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Priority>1</Priority><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule><Rule><ID>x</ID><Priority>2</Priority><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::e</Bucket></Destination></Rule></ReplicationConfiguration>", "InvalidArgument")]
    [InlineData("<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Priority>1</Priority><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule><Rule><ID>y</ID><Priority>1</Priority><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::e</Bucket></Destination></Rule></ReplicationConfiguration>", "InvalidArgument")]
    public async Task A_bad_configuration_is_refused_with_S3s_error(string xml, string code)
    {
        var body = await XmlTestIo.BodyAsync(xml);
        var error = Assert.Throws<S3Exception>(() => ReplicationConfigurationDocument.Parse(body));
        Assert.Equal(code, error.Error.Code);
    }

    private static async Task<ReplicationConfiguration> ParseAsync(string xml) => ReplicationConfigurationDocument.Parse(await XmlTestIo.BodyAsync(xml));
}
