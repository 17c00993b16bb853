using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Cors;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// GetBucketCors answer and PutBucketCors body (S3 API reference, CORSConfiguration and CORSRule):
/// <c>&lt;CORSConfiguration&gt;&lt;CORSRule&gt;</c> with ID, AllowedMethod, AllowedOrigin, AllowedHeader,
/// ExposeHeader and MaxAgeSeconds. The same rendering is what the bucket setting stores, so a stored configuration
/// is read back by the parser that accepted it.
/// </summary>
public static class CorsConfigurationDocument
{
    /// <summary>"Valid values are GET, PUT, HEAD, POST, and DELETE" (CORSRule, AllowedMethods).</summary>
    private static readonly string[] Methods = ["GET", "PUT", "HEAD", "POST", "DELETE"];

    /// <summary>"The value cannot be longer than 255 characters" (CORSRule, ID).</summary>
    private const int MaxIdLength = 255;

    public static void Write(XmlWriter xml, CorsConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(configuration);
        xml.WriteStartElement("CORSConfiguration", S3Xml.Namespace);
        foreach (var rule in configuration.Rules)
        {
            xml.WriteStartElement("CORSRule");
            if (rule.Id is not null)
            {
                xml.WriteElementString("ID", rule.Id);
            }

            WriteAll(xml, "AllowedHeader", rule.AllowedHeaders);
            WriteAll(xml, "AllowedMethod", rule.AllowedMethods);
            WriteAll(xml, "AllowedOrigin", rule.AllowedOrigins);
            WriteAll(xml, "ExposeHeader", rule.ExposeHeaders);
            if (rule.MaxAgeSeconds is { } maxAge)
            {
                xml.WriteElementString("MaxAgeSeconds", maxAge.ToString(CultureInfo.InvariantCulture));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <exception cref="S3Exception">
    /// MalformedXML: another root, no rule or more than 100, a rule without AllowedMethod or AllowedOrigin, an ID over
    /// 255 characters, a MaxAgeSeconds that is not an integer. InvalidRequest: a method S3 does not allow, an
    /// AllowedOrigin or AllowedHeader with more than one wildcard (S3's wording).
    /// </exception>
    public static CorsConfiguration Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "CORSConfiguration")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var rules = S3XmlRequest.Children(root, "CORSRule").Select(ParseRule).ToList();
        if (rules.Count is 0 or > CorsConfiguration.MaxRules)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        return new CorsConfiguration(rules);
    }

    /// <summary>The text the bucket setting stores.</summary>
    public static string ToStored(CorsConfiguration configuration) => S3Xml.Render(xml => Write(xml, configuration));

    /// <summary>A stored configuration, as <see cref="ToStored"/> wrote it.</summary>
    public static CorsConfiguration FromStored(string text) => Parse(S3Xml.ParseStored(text));

    private static CorsRule ParseRule(XElement element)
    {
        var id = S3XmlRequest.ChildValue(element, "ID");
        var methods = Values(element, "AllowedMethod");
        var origins = Values(element, "AllowedOrigin");
        var headers = Values(element, "AllowedHeader");
        var expose = Values(element, "ExposeHeader");
        if (methods.Count == 0 || origins.Count == 0 || id is { Length: > MaxIdLength })
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        foreach (var method in methods)
        {
            if (!Methods.Contains(method, StringComparer.Ordinal))
            {
                throw new S3Exception(S3Error.InvalidRequest, "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
            }
        }

        RefuseSeveralWildcards("AllowedOrigin", origins);
        RefuseSeveralWildcards("AllowedHeader", headers);
        int? maxAge = null;
        if (S3XmlRequest.ChildValue(element, "MaxAgeSeconds") is { } maxAgeText)
        {
            maxAge = int.TryParse(maxAgeText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : throw new S3Exception(S3Error.MalformedXML);
        }

        return new CorsRule(id, methods, origins, headers, expose, maxAge);
    }

    private static void RefuseSeveralWildcards(string element, IReadOnlyList<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (CorsWildcard.HasSeveralWildcards(pattern))
            {
                throw new S3Exception(S3Error.InvalidRequest, element + " \"" + pattern + "\" can not have more than one wildcard.");
            }
        }
    }

    private static List<string> Values(XElement element, string name) =>
        S3XmlRequest.Children(element, name).Select(e => e.Value.Trim()).ToList();

    private static void WriteAll(XmlWriter xml, string name, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            xml.WriteElementString(name, value);
        }
    }
}
