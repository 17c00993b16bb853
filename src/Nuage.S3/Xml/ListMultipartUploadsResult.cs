using System.Globalization;
using System.Xml;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>ListMultipartUploads response body.</summary>
public static class ListMultipartUploadsResult
{
    public sealed record Query(
        string Bucket, string Prefix, string? Delimiter, string? KeyMarker, string? UploadIdMarker, int MaxUploads, bool UrlEncode);

    public static void Write(XmlWriter xml, Query query, UploadsPage page, Func<string, string> displayName)
    {
        var enc = query.UrlEncode;
        xml.WriteStartElement("ListMultipartUploadsResult", S3Xml.Namespace);
        xml.WriteElementString("Bucket", query.Bucket);
        xml.WriteElementString("KeyMarker", S3UrlEncoding.Encode(query.KeyMarker ?? string.Empty, enc));
        xml.WriteElementString("UploadIdMarker", query.UploadIdMarker ?? string.Empty);
        xml.WriteElementString("NextKeyMarker", S3UrlEncoding.Encode(page.NextKeyMarker ?? string.Empty, enc));
        xml.WriteElementString("NextUploadIdMarker", page.NextUploadIdMarker ?? string.Empty);
        xml.WriteElementString("Prefix", S3UrlEncoding.Encode(query.Prefix, enc));
        if (query.Delimiter is not null)
        {
            xml.WriteElementString("Delimiter", S3UrlEncoding.Encode(query.Delimiter, enc));
        }

        if (enc)
        {
            xml.WriteElementString("EncodingType", "url");
        }

        xml.WriteElementString("MaxUploads", query.MaxUploads.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("IsTruncated", page.IsTruncated ? "true" : "false");
        foreach (var upload in page.Uploads)
        {
            xml.WriteStartElement("Upload");
            xml.WriteElementString("Key", S3UrlEncoding.Encode(upload.Key, enc));
            xml.WriteElementString("UploadId", upload.UploadId);
            OwnerElement.Write(xml, upload.Owner, displayName(upload.Owner), "Initiator");
            OwnerElement.Write(xml, upload.Owner, displayName(upload.Owner));
            xml.WriteElementString("StorageClass", "STANDARD");
            xml.WriteElementString("Initiated", S3Xml.Timestamp(upload.Initiated));
            if (upload.ChecksumAlgorithm is { } algorithm)
            {
                xml.WriteElementString("ChecksumAlgorithm", ChecksumNames.XmlName(algorithm));
            }

            if (upload.ChecksumType is { } type)
            {
                xml.WriteElementString("ChecksumType", ChecksumTypeNames.Name(type));
            }

            xml.WriteEndElement();
        }

        ObjectEntry.WriteCommonPrefixes(xml, page.CommonPrefixes, enc);
        xml.WriteEndElement();
    }
}
