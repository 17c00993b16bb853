using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.S3.Tagging;

namespace Nuage.S3.Xml;

/// <summary>
/// The body of Put(Bucket|Object)Tagging and the answer of Get(Bucket|Object)Tagging (S3 API reference, Tagging):
/// <c>&lt;Tagging&gt;&lt;TagSet&gt;&lt;Tag&gt;&lt;Key/&gt;&lt;Value/&gt;&lt;/Tag&gt;...</c>.
/// </summary>
/// <remarks>
/// The API reference gives no order for a TagSet; tags are written sorted by key (ordinal), the order S3 answers in
/// and ceph/s3-tests expects (test_put_obj_with_tags sends "foo=bar&amp;bar=" and reads back bar, then foo). The
/// stored form keeps the order the client gave.
/// </remarks>
public static class TaggingDocument
{
    public static void Write(XmlWriter xml, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(tags);
        xml.WriteStartElement("Tagging", S3Xml.Namespace);
        xml.WriteStartElement("TagSet");
        foreach (var (key, value) in tags.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal))
        {
            xml.WriteStartElement("Tag");
            xml.WriteElementString("Key", key);
            xml.WriteElementString("Value", value);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <exception cref="S3Exception">
    /// MalformedXML: another root, no TagSet, a Tag without Key or Value (both are required, "Tag"); InvalidTag from
    /// <see cref="TagSet.Create"/>.
    /// </exception>
    public static TagSet Parse(XElement? root, int maxTags)
    {
        if (root is null || root.Name.LocalName != "Tagging" || S3XmlRequest.Children(root, "TagSet").SingleOrDefault() is not { } set)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var tags = new List<KeyValuePair<string, string>>();
        foreach (var tag in S3XmlRequest.Children(set, "Tag"))
        {
            var key = S3XmlRequest.ChildValue(tag, "Key");
            var value = S3XmlRequest.ChildValue(tag, "Value");
            if (key is null || value is null)
            {
                throw new S3Exception(S3Error.MalformedXML);
            }

            tags.Add(new(key, value));
        }

        return TagSet.Create(tags, maxTags);
    }
}
