using System.Xml;
using System.Xml.Linq;
using Nuage.Iam.Acls;
using Nuage.S3.AccessLogging;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// PutBucketLogging's body and GetBucketLogging's answer (S3 API reference, BucketLoggingStatus and LoggingEnabled):
/// <c>&lt;BucketLoggingStatus&gt;</c> holding, when logging is on, one LoggingEnabled with TargetBucket,
/// TargetGrants, TargetPrefix and TargetObjectKeyFormat (SimplePrefix or PartitionedPrefix with its
/// PartitionDateSource). An empty BucketLoggingStatus turns logging off. The same rendering is the stored setting.
/// </summary>
public static class BucketLoggingStatusDocument
{
    /// <summary>Writes the document; <paramref name="configuration"/> null is the empty "logging off" answer.</summary>
    public static void Write(XmlWriter xml, AccessLogConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.WriteStartElement("BucketLoggingStatus", S3Xml.Namespace);
        if (configuration is not null)
        {
            xml.WriteStartElement("LoggingEnabled");
            xml.WriteElementString("TargetBucket", configuration.TargetBucket);
            if (configuration.TargetGrants.Count > 0)
            {
                xml.WriteStartElement("TargetGrants");
                foreach (var grant in configuration.TargetGrants)
                {
                    xml.WriteStartElement("Grant");
                    AccessControlPolicyDocument.WriteGrantee(xml, grant.Grantee);
                    xml.WriteElementString("Permission", AclPermissionNames.ToS3Name(grant.Permission));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteElementString("TargetPrefix", configuration.TargetPrefix);
            // A configuration put without TargetObjectKeyFormat reads back with the default it gets, SimplePrefix
            // (ceph/s3-tests test_put_bucket_logging expects it so).
            {
                var format = configuration.KeyFormat ?? AccessLogKeyFormat.SimplePrefix;
                xml.WriteStartElement("TargetObjectKeyFormat");
                if (format == AccessLogKeyFormat.SimplePrefix)
                {
                    xml.WriteElementString("SimplePrefix", string.Empty);
                }
                else
                {
                    xml.WriteStartElement("PartitionedPrefix");
                    if (configuration.DateSource is { } source)
                    {
                        xml.WriteElementString("PartitionDateSource", source.ToString());
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>Reads a PutBucketLogging body; null when it turns logging off (an empty BucketLoggingStatus).</summary>
    /// <exception cref="S3Exception">
    /// MalformedXML: another root, more than one LoggingEnabled, no TargetBucket or TargetPrefix, both key formats, a
    /// PartitionDateSource other than EventTime or DeliveryTime, a grant without grantee or with a permission other
    /// than FULL_CONTROL, READ or WRITE ("TargetGrant", Permission: "Logging permissions assigned to the grantee").
    /// </exception>
    public static AccessLogConfiguration? Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "BucketLoggingStatus")
        {
            throw Malformed();
        }

        var enabled = Single(root, "LoggingEnabled");
        if (enabled is null)
        {
            return null;
        }

        var target = NonEmpty(Single(enabled, "TargetBucket")?.Value) ?? throw Malformed();
        var prefix = Single(enabled, "TargetPrefix")?.Value ?? throw Malformed();
        var grants = new List<AclGrant>();
        if (Single(enabled, "TargetGrants") is { } grantList)
        {
            foreach (var grant in S3XmlRequest.Children(grantList, "Grant"))
            {
                var granteeElement = Single(grant, "Grantee") ?? throw Malformed();
                AclGrantee grantee;
                try
                {
                    grantee = AccessControlPolicyDocument.ParseGrantee(granteeElement);
                }
                catch (S3Exception)
                {
                    throw Malformed();
                }

                if (!AclPermissionNames.TryParse(S3XmlRequest.ChildValue(grant, "Permission")?.Trim(), out var permission)
                    || permission is not (AclPermission.FullControl or AclPermission.Read or AclPermission.Write))
                {
                    throw Malformed();
                }

                grants.Add(new AclGrant(grantee, permission));
            }
        }

        AccessLogKeyFormat? format = null;
        PartitionDateSource? source = null;
        if (Single(enabled, "TargetObjectKeyFormat") is { } formatElement)
        {
            var simple = Single(formatElement, "SimplePrefix");
            var partitioned = Single(formatElement, "PartitionedPrefix");
            if ((simple is null) == (partitioned is null))
            {
                throw Malformed();
            }

            format = simple is not null ? AccessLogKeyFormat.SimplePrefix : AccessLogKeyFormat.PartitionedPrefix;
            if (partitioned is not null && Single(partitioned, "PartitionDateSource") is { } sourceElement)
            {
                source = sourceElement.Value.Trim() switch
                {
                    "EventTime" => PartitionDateSource.EventTime,
                    "DeliveryTime" => PartitionDateSource.DeliveryTime,
                    _ => throw Malformed(),
                };
            }
        }

        return new AccessLogConfiguration(target, prefix, grants, format, source);
    }

    /// <summary>The text the bucket setting stores.</summary>
    public static string ToStored(AccessLogConfiguration configuration) => S3Xml.Render(xml => Write(xml, configuration));

    /// <summary>A stored configuration, as <see cref="ToStored"/> wrote it.</summary>
    public static AccessLogConfiguration FromStored(string text) => Parse(S3Xml.ParseStored(text)) ?? throw Malformed();

    private static XElement? Single(XElement parent, string localName)
    {
        var found = S3XmlRequest.Children(parent, localName).Take(2).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw Malformed(),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static S3Exception Malformed() => new(S3Error.MalformedXML);
}
