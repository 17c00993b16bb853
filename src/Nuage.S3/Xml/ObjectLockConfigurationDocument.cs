using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.S3.ObjectLock;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>
/// PutObjectLockConfiguration body and GetObjectLockConfiguration answer (S3 API reference, ObjectLockConfiguration:
/// ObjectLockEnabled "Enabled", an optional Rule with a DefaultRetention of Mode and exactly one of Days or Years).
/// The stored form is this same XML.
/// </summary>
public static class ObjectLockConfigurationDocument
{
    public static void Write(XmlWriter xml, ObjectLockConfiguration configuration)
    {
        xml.WriteStartElement("ObjectLockConfiguration", S3Xml.Namespace);
        xml.WriteElementString("ObjectLockEnabled", "Enabled");
        if (configuration.Mode is { } mode)
        {
            xml.WriteStartElement("Rule");
            xml.WriteStartElement("DefaultRetention");
            xml.WriteElementString("Mode", ObjectLockNames.Mode(mode));
            if (configuration.Days is { } days)
            {
                xml.WriteElementString("Days", days.ToString(CultureInfo.InvariantCulture));
            }

            if (configuration.Years is { } years)
            {
                xml.WriteElementString("Years", years.ToString(CultureInfo.InvariantCulture));
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    public static string ToStored(ObjectLockConfiguration configuration) => S3Xml.Render(xml => Write(xml, configuration));

    public static ObjectLockConfiguration FromStored(string stored) => Parse(S3Xml.ParseStored(stored));

    /// <summary>MalformedXML for a document that is not one; InvalidArgument for a retention S3 refuses.</summary>
    public static ObjectLockConfiguration Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "ObjectLockConfiguration"
            || S3XmlRequest.ChildValue(root, "ObjectLockEnabled") is not ("Enabled" or null))
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var rule = S3XmlRequest.Children(root, "Rule").FirstOrDefault();
        if (rule is null)
        {
            return ObjectLockConfiguration.EnabledWithoutDefault;
        }

        var retention = S3XmlRequest.Children(rule, "DefaultRetention").FirstOrDefault() ?? throw new S3Exception(S3Error.MalformedXML);
        var mode = ObjectLockNames.ParseMode(S3XmlRequest.ChildValue(retention, "Mode")) ?? throw new S3Exception(S3Error.MalformedXML);
        int? days = Period(S3XmlRequest.ChildValue(retention, "Days"));
        int? years = Period(S3XmlRequest.ChildValue(retention, "Years"));
        if ((days is null) == (years is null))
        {
            // "The DefaultRetention period can be either Days or Years but you must select one."
            throw new S3Exception(S3Error.MalformedXML);
        }

        return new ObjectLockConfiguration(mode, days, years);
    }

    private static int? Period(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // "Days/Years: ... must be a positive integer" (DefaultRetention); AWS answers InvalidArgument otherwise.
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 && value <= 36500
            ? value
            : throw new S3Exception(S3Error.InvalidRetentionPeriod);
    }
}
