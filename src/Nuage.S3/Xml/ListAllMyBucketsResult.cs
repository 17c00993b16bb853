using System.Xml;
using Nuage.Iam;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Xml;

/// <summary>ListBuckets response body (S3 API reference, ListBuckets).</summary>
public static class ListAllMyBucketsResult
{
    public static void Write(XmlWriter xml, Principal owner, IReadOnlyList<BucketInfo> buckets)
    {
        xml.WriteStartElement("ListAllMyBucketsResult", S3Xml.Namespace);
        OwnerElement.Write(xml, owner.AccountId, owner.DisplayName);
        xml.WriteStartElement("Buckets");
        foreach (var bucket in buckets)
        {
            xml.WriteStartElement("Bucket");
            xml.WriteElementString("Name", bucket.Name);
            xml.WriteElementString("CreationDate", S3Xml.Timestamp(bucket.CreatedAt));
            xml.WriteElementString("BucketRegion", bucket.Region);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }
}
