using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.Storage.Replication;

namespace Nuage.S3.Xml;

/// <summary>
/// PutBucketReplication's body and GetBucketReplication's answer (S3 API reference, ReplicationConfiguration,
/// ReplicationRule, ReplicationRuleFilter, ReplicationRuleAndOperator, Destination, DeleteMarkerReplication,
/// SourceSelectionCriteria/ReplicaModifications). A rule with a Filter is the current schema (V2): its delete markers
/// replicate only when DeleteMarkerReplication says Enabled. A rule with a Prefix of its own and no Filter is the
/// earlier schema (V1), in which AWS replicates delete markers ("If you don't specify the Filter element, Amazon S3
/// assumes that the replication configuration is the earlier version, V1 ... delete markers are replicated").
/// </summary>
public static class ReplicationConfigurationDocument
{
    private const string BucketArnPrefix = "arn:aws:s3:::";

    /// <summary>AWS: "A replication configuration can replicate objects ... up to 1,000 rules".</summary>
    private const int MaxRules = 1000;

    public static void Write(XmlWriter xml, ReplicationConfiguration configuration)
    {
        xml.WriteStartElement("ReplicationConfiguration", S3Xml.Namespace);
        xml.WriteElementString("Role", configuration.Role);
        foreach (var rule in configuration.Rules)
        {
            xml.WriteStartElement("Rule");
            xml.WriteElementString("ID", rule.Id);
            xml.WriteElementString("Priority", rule.Priority.ToString(CultureInfo.InvariantCulture));
            xml.WriteStartElement("Filter");
            if (rule.Tags.Count == 0)
            {
                xml.WriteElementString("Prefix", rule.Prefix);
            }
            else if (rule.Tags.Count == 1 && rule.Prefix.Length == 0)
            {
                WriteTag(xml, rule.Tags[0]);
            }
            else
            {
                xml.WriteStartElement("And");
                if (rule.Prefix.Length > 0)
                {
                    xml.WriteElementString("Prefix", rule.Prefix);
                }

                foreach (var tag in rule.Tags)
                {
                    WriteTag(xml, tag);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteElementString("Status", rule.Enabled ? "Enabled" : "Disabled");
            xml.WriteStartElement("Destination");
            xml.WriteElementString("Bucket", BucketArnPrefix + rule.DestinationBucket);
            WriteDestinationExtras(xml, rule);
            xml.WriteEndElement();
            xml.WriteStartElement("DeleteMarkerReplication");
            xml.WriteElementString("Status", rule.DeleteMarkerReplication ? "Enabled" : "Disabled");
            xml.WriteEndElement();
            xml.WriteStartElement("SourceSelectionCriteria");
            xml.WriteStartElement("ReplicaModifications");
            xml.WriteElementString("Status", rule.ReplicaModifications ? "Enabled" : "Disabled");
            xml.WriteEndElement();
            if (rule.SseKmsEncryptedObjects)
            {
                xml.WriteStartElement("SseKmsEncryptedObjects");
                xml.WriteElementString("Status", "Enabled");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// Reads a PutBucketReplication body: MalformedXML for another root, a missing Role, Rule Status or Destination
    /// Bucket; InvalidArgument for a destination that is not an S3 bucket ARN, repeated rule IDs or priorities, an ID
    /// over 255 characters, a Status other than Enabled or Disabled.
    /// </summary>
    public static ReplicationConfiguration Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "ReplicationConfiguration")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        string role = S3XmlRequest.ChildValue(root, "Role")?.Trim() ?? throw new S3Exception(S3Error.MalformedXML);
        var rules = S3XmlRequest.Children(root, "Rule").Select(ParseRule).ToList();
        if (rules.Count is 0 or > MaxRules)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        if (rules.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != rules.Count)
        {
            throw Invalid("Rule Id must be unique.");
        }

        if (rules.Count > 1 && rules.Select(r => r.Priority).Distinct().Count() != rules.Count)
        {
            throw Invalid("Found two rules with same priority " + rules.GroupBy(r => r.Priority).First(g => g.Count() > 1).Key.ToString(CultureInfo.InvariantCulture));
        }

        return new ReplicationConfiguration(role, rules);
    }

    private static ReplicationRule ParseRule(XElement element)
    {
        string id = S3XmlRequest.ChildValue(element, "ID")?.Trim() is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N");
        if (id.Length > 255)
        {
            throw Invalid("The ID of a rule must be at most 255 characters long.");
        }

        int priority = 0;
        if (S3XmlRequest.ChildValue(element, "Priority") is { } text && !int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out priority))
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        bool enabled = Status(S3XmlRequest.ChildValue(element, "Status") ?? throw new S3Exception(S3Error.MalformedXML));
        var destination = Child(element, "Destination") ?? throw new S3Exception(S3Error.MalformedXML);
        string arn = S3XmlRequest.ChildValue(destination, "Bucket")?.Trim() ?? throw new S3Exception(S3Error.MalformedXML);
        if (!arn.StartsWith(BucketArnPrefix, StringComparison.Ordinal) || arn.Length == BucketArnPrefix.Length || arn.IndexOf('/', BucketArnPrefix.Length) >= 0)
        {
            throw Invalid("Invalid bucket ARN: " + arn);
        }

        string prefix;
        var tags = new List<KeyValuePair<string, string>>();
        bool deleteMarkers;
        if (Child(element, "Filter") is { } filter)
        {
            prefix = S3XmlRequest.ChildValue(filter, "Prefix") ?? string.Empty;
            if (Child(filter, "Tag") is { } tag)
            {
                tags.Add(ParseTag(tag));
            }

            if (Child(filter, "And") is { } and)
            {
                prefix = S3XmlRequest.ChildValue(and, "Prefix") ?? prefix;
                tags.AddRange(S3XmlRequest.Children(and, "Tag").Select(ParseTag));
            }

            deleteMarkers = Child(element, "DeleteMarkerReplication") is { } markers && S3XmlRequest.ChildValue(markers, "Status") is { } status && Status(status);
        }
        else
        {
            prefix = S3XmlRequest.ChildValue(element, "Prefix") ?? string.Empty;
            deleteMarkers = Child(element, "DeleteMarkerReplication") is not { } markers || (S3XmlRequest.ChildValue(markers, "Status") is { } status && Status(status));
        }

        bool replicaModifications = Child(element, "SourceSelectionCriteria") is { } criteria
            && Child(criteria, "ReplicaModifications") is { } modifications
            && S3XmlRequest.ChildValue(modifications, "Status") is { } modificationStatus && Status(modificationStatus);
        var (sseKms, replicaKey, account, ownerTranslation) = ParseEncryptionAndOwnership(element, destination);
        return new ReplicationRule(
            id, priority, enabled, prefix, tags, arn[BucketArnPrefix.Length..], deleteMarkers, replicaModifications, sseKms, replicaKey, account, ownerTranslation);
    }

    /// <summary>
    /// SourceSelectionCriteria/SseKmsEncryptedObjects, Destination/EncryptionConfiguration/ReplicaKmsKeyID,
    /// Destination/Account and Destination/AccessControlTranslation/Owner (S3 API reference, "Destination",
    /// "EncryptionConfiguration", "AccessControlTranslation"). AWS refuses SSE-KMS replication without the key to
    /// encrypt replicas under ("ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present.") and an
    /// owner override without the destination's account (both 400 InvalidRequest).
    /// </summary>
    private static (bool SseKms, string? ReplicaKey, string? Account, bool OwnerTranslation) ParseEncryptionAndOwnership(XElement rule, XElement destination)
    {
        bool sseKms = Child(rule, "SourceSelectionCriteria") is { } criteria
            && Child(criteria, "SseKmsEncryptedObjects") is { } kms
            && Status(S3XmlRequest.ChildValue(kms, "Status") ?? throw new S3Exception(S3Error.MalformedXML));
        string? replicaKey = Child(destination, "EncryptionConfiguration") is { } encryption
            && S3XmlRequest.ChildValue(encryption, "ReplicaKmsKeyID")?.Trim() is { Length: > 0 } key ? key : null;
        if (sseKms && replicaKey is null)
        {
            throw new S3Exception(S3Error.InvalidRequest, "ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present.");
        }

        string? account = S3XmlRequest.ChildValue(destination, "Account")?.Trim() is { Length: > 0 } given ? given : null;
        bool ownerTranslation = false;
        if (Child(destination, "AccessControlTranslation") is { } translation)
        {
            // "Owner: Specifies the replica ownership ... Valid Values: Destination".
            if (S3XmlRequest.ChildValue(translation, "Owner")?.Trim() != "Destination")
            {
                throw new S3Exception(S3Error.MalformedXML);
            }

            ownerTranslation = account is not null
                ? true
                : throw new S3Exception(S3Error.InvalidRequest, "Destination Account must be specified if AccessControlTranslation is present.");
        }

        return (sseKms, replicaKey, account, ownerTranslation);
    }

    /// <summary>Destination's Account, AccessControlTranslation and EncryptionConfiguration, in the schema's order, when the rule has them.</summary>
    private static void WriteDestinationExtras(XmlWriter xml, ReplicationRule rule)
    {
        if (rule.DestinationAccount is { } account)
        {
            xml.WriteElementString("Account", account);
        }

        if (rule.OwnerTranslation)
        {
            xml.WriteStartElement("AccessControlTranslation");
            xml.WriteElementString("Owner", "Destination");
            xml.WriteEndElement();
        }

        if (rule.ReplicaKmsKeyId is { } key)
        {
            xml.WriteStartElement("EncryptionConfiguration");
            xml.WriteElementString("ReplicaKmsKeyID", key);
            xml.WriteEndElement();
        }
    }

    private static KeyValuePair<string, string> ParseTag(XElement tag) =>
        new(S3XmlRequest.ChildValue(tag, "Key") ?? throw new S3Exception(S3Error.MalformedXML), S3XmlRequest.ChildValue(tag, "Value") ?? string.Empty);

    private static void WriteTag(XmlWriter xml, KeyValuePair<string, string> tag)
    {
        xml.WriteStartElement("Tag");
        xml.WriteElementString("Key", tag.Key);
        xml.WriteElementString("Value", tag.Value);
        xml.WriteEndElement();
    }

    private static bool Status(string value) => value.Trim() switch
    {
        "Enabled" => true,
        "Disabled" => false,
        _ => throw new S3Exception(S3Error.MalformedXML),
    };

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static S3Exception Invalid(string message) => new(S3Error.InvalidArgument, message);
}
