using System.Xml;
using Nuage.Iam;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Xml;

/// <summary>ListBuckets response body (S3 API reference, ListBuckets).</summary>
public static class ListAllMyBucketsResult
{
    /// <summary>The paging parts of the answer: the prefix asked for and the token of the next page, when there is one.</summary>
    public sealed record Page(string? Prefix, string? ContinuationToken);

    public static void Write(XmlWriter xml, Principal owner, IReadOnlyList<BucketInfo> buckets, Page page)
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
        if (page.ContinuationToken is not null)
        {
            xml.WriteElementString("ContinuationToken", page.ContinuationToken);
        }

        if (page.Prefix is not null)
        {
            xml.WriteElementString("Prefix", page.Prefix);
        }

        xml.WriteEndElement();
    }
}
