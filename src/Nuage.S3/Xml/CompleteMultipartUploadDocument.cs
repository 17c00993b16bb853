using System.Globalization;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.Storage.Multipart;

namespace Nuage.S3.Xml;

/// <summary>CompleteMultipartUpload request body: the chosen parts with their ETags (and checksums when sent).</summary>
public static class CompleteMultipartUploadDocument
{
    public static IReadOnlyList<CompletedPart> Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "CompleteMultipartUpload")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var parts = new List<CompletedPart>();
        foreach (var element in S3XmlRequest.Children(root, "Part"))
        {
            var numberText = S3XmlRequest.ChildValue(element, "PartNumber");
            var etag = S3XmlRequest.ChildValue(element, "ETag");
            if (numberText is null || etag is null
                || !int.TryParse(numberText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new S3Exception(S3Error.MalformedXML);
            }

            string? checksum = null;
            foreach (var child in element.Elements())
            {
                if (child.Name.LocalName.StartsWith("Checksum", StringComparison.Ordinal) && child.Name.LocalName != "ChecksumType")
                {
                    checksum = child.Value.Trim();
                }
            }

            parts.Add(new CompletedPart(number, etag.Trim().Trim('"'), checksum));
        }

        if (parts.Count == 0)
        {
            throw new S3Exception(S3Error.MalformedXML, "You must specify at least one part.");
        }

        return parts;
    }
}
