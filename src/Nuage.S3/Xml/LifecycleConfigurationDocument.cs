using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.Storage.Lifecycle;

namespace Nuage.S3.Xml;

/// <summary>
/// PutBucketLifecycleConfiguration body and GetBucketLifecycleConfiguration answer (S3 API reference,
/// LifecycleConfiguration, LifecycleRule). Served actions: Expiration (Days, Date, ExpiredObjectDeleteMarker),
/// NoncurrentVersionExpiration (NoncurrentDays, NewerNoncurrentVersions), AbortIncompleteMultipartUpload. Nuage
/// has one storage class, so Transition and NoncurrentVersionTransition answer NotImplemented rather than being
/// accepted and never acted on.
/// </summary>
public static class LifecycleConfigurationDocument
{
    private const int MaxRules = 1000;
    private const int MaxIdLength = 255;

    public static void Write(XmlWriter xml, LifecycleConfiguration configuration)
    {
        xml.WriteStartElement("LifecycleConfiguration", S3Xml.Namespace);
        foreach (var rule in configuration.Rules)
        {
            xml.WriteStartElement("Rule");
            if (rule.Id is not null)
            {
                xml.WriteElementString("ID", rule.Id);
            }

            if (rule.Filter.IsRulePrefix)
            {
                // Given as the rule's own Prefix (the form before Filter existed): answered in that form.
                xml.WriteElementString("Prefix", rule.Filter.Prefix);
            }
            else
            {
                WriteFilter(xml, rule.Filter);
            }

            xml.WriteElementString("Status", rule.Enabled ? "Enabled" : "Disabled");
            if (rule.ExpirationDays is not null || rule.ExpirationDate is not null || rule.ExpiredObjectDeleteMarker)
            {
                xml.WriteStartElement("Expiration");
                if (rule.ExpirationDays is { } days)
                {
                    xml.WriteElementString("Days", Number(days));
                }

                if (rule.ExpirationDate is { } date)
                {
                    xml.WriteElementString("Date", date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }

                if (rule.ExpiredObjectDeleteMarker)
                {
                    xml.WriteElementString("ExpiredObjectDeleteMarker", "true");
                }

                xml.WriteEndElement();
            }

            if (rule.NoncurrentDays is { } noncurrent)
            {
                xml.WriteStartElement("NoncurrentVersionExpiration");
                xml.WriteElementString("NoncurrentDays", Number(noncurrent));
                if (rule.NewerNoncurrentVersions is { } newer)
                {
                    xml.WriteElementString("NewerNoncurrentVersions", Number(newer));
                }

                xml.WriteEndElement();
            }

            if (rule.AbortIncompleteUploadDays is { } abort)
            {
                xml.WriteStartElement("AbortIncompleteMultipartUpload");
                xml.WriteElementString("DaysAfterInitiation", Number(abort));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>MalformedXML for what is not a valid document; InvalidArgument for values S3 refuses.</summary>
    public static LifecycleConfiguration Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "LifecycleConfiguration")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var rules = S3XmlRequest.Children(root, "Rule").Select(ParseRule).ToList();
        if (rules.Count == 0 || rules.Count > MaxRules)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var duplicate = rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new S3Exception(S3Error.InvalidArgument, "Rule ID must be unique. Found same ID for more than one rule");
        }

        return new LifecycleConfiguration(rules);
    }

    private static LifecycleRule ParseRule(XElement element)
    {
        var id = S3XmlRequest.ChildValue(element, "ID");
        if (id is { Length: > MaxIdLength })
        {
            throw new S3Exception(S3Error.InvalidArgument, "ID length should not exceed allowed limit of 255");
        }

        // "If you don't specify an ID, Amazon S3 assigns one" (LifecycleRule, ID).
        id ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        bool enabled = S3XmlRequest.ChildValue(element, "Status") switch
        {
            "Enabled" => true,
            "Disabled" => false,
            _ => throw new S3Exception(S3Error.MalformedXML),
        };

        if (S3XmlRequest.Children(element, "Transition").Any() || S3XmlRequest.Children(element, "NoncurrentVersionTransition").Any())
        {
            throw new S3Exception(S3Error.NotImplemented, "Nuage has a single storage class: lifecycle transitions are not supported.");
        }

        var rule = new LifecycleRule(id, enabled, ParseFilter(element));
        if (S3XmlRequest.Children(element, "Expiration").FirstOrDefault() is { } expiration)
        {
            var days = S3XmlRequest.ChildValue(expiration, "Days");
            var date = S3XmlRequest.ChildValue(expiration, "Date");
            var marker = S3XmlRequest.ChildValue(expiration, "ExpiredObjectDeleteMarker");
            if ((days is not null ? 1 : 0) + (date is not null ? 1 : 0) + (marker is not null ? 1 : 0) != 1)
            {
                throw new S3Exception(S3Error.MalformedXML);
            }

            rule = rule with
            {
                ExpirationDays = days is null ? null : Positive(days, "'Days' for Expiration action must be a positive integer"),
                ExpirationDate = date is null ? null : Midnight(date),
                ExpiredObjectDeleteMarker = marker is not null && bool.Parse(marker),
            };
        }

        if (S3XmlRequest.Children(element, "NoncurrentVersionExpiration").FirstOrDefault() is { } noncurrent)
        {
            var newer = S3XmlRequest.ChildValue(noncurrent, "NewerNoncurrentVersions");
            rule = rule with
            {
                NoncurrentDays = Positive(
                    S3XmlRequest.ChildValue(noncurrent, "NoncurrentDays") ?? throw new S3Exception(S3Error.MalformedXML),
                    "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer"),
                NewerNoncurrentVersions = newer is null ? null : Positive(newer, "'NewerNoncurrentVersions' must be a positive integer"),
            };
        }

        if (S3XmlRequest.Children(element, "AbortIncompleteMultipartUpload").FirstOrDefault() is { } abort)
        {
            rule = rule with
            {
                AbortIncompleteUploadDays = Positive(
                    S3XmlRequest.ChildValue(abort, "DaysAfterInitiation") ?? throw new S3Exception(S3Error.MalformedXML),
                    "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer"),
            };
        }

        if (rule.ExpirationDays is null && rule.ExpirationDate is null && !rule.ExpiredObjectDeleteMarker
            && rule.NoncurrentDays is null && rule.AbortIncompleteUploadDays is null)
        {
            throw new S3Exception(S3Error.InvalidRequest, "At least one action needs to be specified in a rule");
        }

        return rule;
    }

    /// <summary>A rule's Filter (Prefix, Tag, ObjectSizeGreaterThan, ObjectSizeLessThan or And of them), or its legacy top-level Prefix.</summary>
    private static LifecycleFilter ParseFilter(XElement rule)
    {
        var filter = S3XmlRequest.Children(rule, "Filter").FirstOrDefault();
        var legacyPrefix = S3XmlRequest.ChildValue(rule, "Prefix");
        if (filter is null)
        {
            return legacyPrefix is null
                ? throw new S3Exception(S3Error.MalformedXML)
                : LifecycleFilter.All with { Prefix = legacyPrefix, IsRulePrefix = true };
        }

        if (legacyPrefix is not null)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        // More than one condition belongs in And (LifecycleRuleFilter); conditions given side by side in Filter, as
        // some clients and ceph/s3-tests send them, are read the same way rather than refused.
        var conditions = S3XmlRequest.Children(filter, "And").FirstOrDefault() ?? filter;

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in S3XmlRequest.Children(conditions, "Tag"))
        {
            var key = S3XmlRequest.ChildValue(tag, "Key") ?? throw new S3Exception(S3Error.MalformedXML);
            if (!tags.TryAdd(key, S3XmlRequest.ChildValue(tag, "Value") ?? string.Empty))
            {
                throw new S3Exception(S3Error.InvalidArgument, "Duplicate Tag Keys are not allowed.");
            }
        }

        return new LifecycleFilter(
            S3XmlRequest.ChildValue(conditions, "Prefix") ?? string.Empty,
            tags,
            Size(S3XmlRequest.ChildValue(conditions, "ObjectSizeGreaterThan")),
            Size(S3XmlRequest.ChildValue(conditions, "ObjectSizeLessThan")));
    }

    private static void WriteFilter(XmlWriter xml, LifecycleFilter filter)
    {
        xml.WriteStartElement("Filter");
        int conditions = (filter.Prefix.Length > 0 ? 1 : 0) + filter.Tags.Count
            + (filter.ObjectSizeGreaterThan is null ? 0 : 1) + (filter.ObjectSizeLessThan is null ? 0 : 1);
        bool and = conditions > 1;
        if (and)
        {
            xml.WriteStartElement("And");
        }

        if (filter.Prefix.Length > 0 || conditions == 0)
        {
            xml.WriteElementString("Prefix", filter.Prefix);
        }

        foreach (var (key, value) in filter.Tags)
        {
            xml.WriteStartElement("Tag");
            xml.WriteElementString("Key", key);
            xml.WriteElementString("Value", value);
            xml.WriteEndElement();
        }

        if (filter.ObjectSizeGreaterThan is { } above)
        {
            xml.WriteElementString("ObjectSizeGreaterThan", above.ToString(CultureInfo.InvariantCulture));
        }

        if (filter.ObjectSizeLessThan is { } below)
        {
            xml.WriteElementString("ObjectSizeLessThan", below.ToString(CultureInfo.InvariantCulture));
        }

        if (and)
        {
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static int Positive(string text, string message) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new S3Exception(S3Error.InvalidArgument, message);

    private static long? Size(string? text) =>
        text is null ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value
        : throw new S3Exception(S3Error.InvalidArgument, "Object size must be a non-negative integer.");

    /// <summary>"The date value must conform to the ISO 8601 format. The time is always midnight UTC" (LifecycleExpiration, Date).</summary>
    private static DateTimeOffset Midnight(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date.UtcDateTime.TimeOfDay == TimeSpan.Zero
            ? date.ToUniversalTime()
            : throw new S3Exception(S3Error.InvalidArgument, "'Date' must be at midnight GMT");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
