using Nuage.S3.Errors;
using Nuage.S3.Xml;
using Nuage.Storage.Replication;

namespace Nuage.S3.Tests.Xml;

/// <summary>
/// The parts of a replication rule for encrypted versions and another account's destination (S3 API reference,
/// SourceSelectionCriteria/SseKmsEncryptedObjects, Destination/EncryptionConfiguration/ReplicaKmsKeyID,
/// Destination/Account, AccessControlTranslation), and AWS's refusals of an incomplete rule.
/// </summary>
public sealed class ReplicationEncryptionAndOwnershipDocumentTests
{
    private const string Ns = "http://s3.amazonaws.com/doc/2006-03-01/";
    private const string KeyArn = "arn:aws:kms:dubai:111122223333:key/0b8e6c6e-8f43-4b7a-9d55-3b1b7c0f9a10";

    [Fact]
    public async Task A_rule_reads_and_writes_back_its_KMS_opt_in_replica_key_account_and_owner_override()
    {
        var configuration = await ParseAsync($"""
            <ReplicationConfiguration xmlns="{Ns}"><Role>arn:aws:iam::111122223333:role/r</Role>
              <Rule><ID>kms</ID><Priority>1</Priority><Status>Enabled</Status><Filter><Prefix></Prefix></Filter>
                <Destination><Bucket>arn:aws:s3:::theirs</Bucket><Account>444455556666</Account>
                  <AccessControlTranslation><Owner>Destination</Owner></AccessControlTranslation>
                  <EncryptionConfiguration><ReplicaKmsKeyID>{KeyArn}</ReplicaKmsKeyID></EncryptionConfiguration></Destination>
                <SourceSelectionCriteria><SseKmsEncryptedObjects><Status>Enabled</Status></SseKmsEncryptedObjects></SourceSelectionCriteria>
              </Rule>
            </ReplicationConfiguration>
            """);

        var rule = Assert.Single(configuration.Rules);
        Assert.Equal((true, KeyArn, "444455556666", true), (rule.SseKmsEncryptedObjects, rule.ReplicaKmsKeyId, rule.DestinationAccount, rule.OwnerTranslation));
        string written = XmlTestIo.Render(xml => ReplicationConfigurationDocument.Write(xml, configuration));
        var again = Assert.Single((await ParseAsync(written)).Rules);
        Assert.Equal(rule with { Tags = [] }, again with { Tags = [] });
    }

    [Fact]
    public async Task A_rule_without_them_selects_no_KMS_versions_and_keeps_the_source_owner()
    {
        var rule = Assert.Single((await ParseAsync($"""
            <ReplicationConfiguration xmlns="{Ns}"><Role>r</Role>
              <Rule><Status>Enabled</Status><Filter><Prefix></Prefix></Filter><Destination><Bucket>arn:aws:s3:::b</Bucket></Destination></Rule>
            </ReplicationConfiguration>
            """)).Rules);
        Assert.Equal((false, null, null, false), (rule.SseKmsEncryptedObjects, rule.ReplicaKmsKeyId, rule.DestinationAccount, rule.OwnerTranslation));
    }

    [Fact]
    public async Task SseKmsEncryptedObjects_without_a_ReplicaKmsKeyID_is_InvalidRequest()
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => ParseAsync($"""
            <ReplicationConfiguration xmlns="{Ns}"><Role>r</Role>
              <Rule><Status>Enabled</Status><Filter><Prefix></Prefix></Filter><Destination><Bucket>arn:aws:s3:::b</Bucket></Destination>
                <SourceSelectionCriteria><SseKmsEncryptedObjects><Status>Enabled</Status></SseKmsEncryptedObjects></SourceSelectionCriteria></Rule>
            </ReplicationConfiguration>
            """));
        Assert.Equal(S3Error.InvalidRequest, error.Error);
        Assert.Contains("ReplicaKmsKeyID must be specified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessControlTranslation_needs_the_destination_Account_and_Owner_Destination()
    {
        var noAccount = await Assert.ThrowsAsync<S3Exception>(() => ParseAsync($"""
            <ReplicationConfiguration xmlns="{Ns}"><Role>r</Role>
              <Rule><Status>Enabled</Status><Filter><Prefix></Prefix></Filter>
                <Destination><Bucket>arn:aws:s3:::b</Bucket><AccessControlTranslation><Owner>Destination</Owner></AccessControlTranslation></Destination></Rule>
            </ReplicationConfiguration>
            """));
        Assert.Equal(S3Error.InvalidRequest, noAccount.Error);

        var badOwner = await Assert.ThrowsAsync<S3Exception>(() => ParseAsync($"""
            <ReplicationConfiguration xmlns="{Ns}"><Role>r</Role>
              <Rule><Status>Enabled</Status><Filter><Prefix></Prefix></Filter>
                <Destination><Bucket>arn:aws:s3:::b</Bucket><Account>444455556666</Account><AccessControlTranslation><Owner>Source</Owner></AccessControlTranslation></Destination></Rule>
            </ReplicationConfiguration>
            """));
        Assert.Equal(S3Error.MalformedXML, badOwner.Error);
    }

    private static async Task<ReplicationConfiguration> ParseAsync(string xml) => ReplicationConfigurationDocument.Parse(await XmlTestIo.BodyAsync(xml));
}
