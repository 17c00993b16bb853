using System.Xml;

namespace Nuage.S3.Xml;

/// <summary>DeleteObjects response body: Deleted entries (omitted in quiet mode) and Error entries.</summary>
public static class DeleteResultDocument
{
    public static void Write(XmlWriter xml, IReadOnlyList<DeleteResultEntry> results, bool quiet)
    {
        xml.WriteStartElement("DeleteResult", S3Xml.Namespace);
        foreach (var result in results)
        {
            if (result.Error is { } error)
            {
                xml.WriteStartElement("Error");
                xml.WriteElementString("Key", result.Key);
                if (result.VersionId is not null)
                {
                    xml.WriteElementString("VersionId", result.VersionId);
                }

                xml.WriteElementString("Code", error.Code);
                xml.WriteElementString("Message", result.Message ?? error.DefaultMessage);
                xml.WriteEndElement();
            }
            else if (!quiet)
            {
                xml.WriteStartElement("Deleted");
                xml.WriteElementString("Key", result.Key);
                if (result.VersionId is not null)
                {
                    xml.WriteElementString("VersionId", result.VersionId);
                }

                if (result.DeleteMarker)
                {
                    xml.WriteElementString("DeleteMarker", "true");
                    if (result.DeleteMarkerVersionId is not null)
                    {
                        xml.WriteElementString("DeleteMarkerVersionId", result.DeleteMarkerVersionId);
                    }
                }

                xml.WriteEndElement();
            }
        }

        xml.WriteEndElement();
    }
}
