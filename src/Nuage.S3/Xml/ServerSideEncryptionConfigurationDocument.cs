using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// The body of PutBucketEncryption and the answer of GetBucketEncryption (S3 API reference,
/// ServerSideEncryptionConfiguration): one Rule with ApplyServerSideEncryptionByDefault/SSEAlgorithm and
/// BucketKeyEnabled.
/// </summary>
public static class ServerSideEncryptionConfigurationDocument
{
    public static void Write(XmlWriter xml, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.WriteStartElement("ServerSideEncryptionConfiguration", S3Xml.Namespace);
        xml.WriteStartElement("Rule");
        xml.WriteStartElement("ApplyServerSideEncryptionByDefault");
        xml.WriteElementString("SSEAlgorithm", algorithm);
        xml.WriteEndElement();

        // Bucket Keys cut KMS requests for SSE-KMS; with SSE-S3 there are none to cut, and S3 answers false.
        xml.WriteElementString("BucketKeyEnabled", "false");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>
    /// The SSEAlgorithm of the configuration's rule. MalformedXML for another root, no Rule, more than one Rule (S3
    /// takes exactly one) or no SSEAlgorithm; aws:kms and aws:kms:dsse answer NotImplemented, as the whole
    /// operation did before SSE-S3 was served; any other value is InvalidArgument.
    /// </summary>
    public static string Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "ServerSideEncryptionConfiguration"
            || S3XmlRequest.Children(root, "Rule").ToList() is not [var rule]
            || S3XmlRequest.Children(rule, "ApplyServerSideEncryptionByDefault").SingleOrDefault() is not { } apply
            || S3XmlRequest.ChildValue(apply, "SSEAlgorithm") is not { } algorithm)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        return algorithm switch
        {
            "AES256" => algorithm,
            "aws:kms" or "aws:kms:dsse" => throw new S3Exception(S3Error.NotImplemented, "SSE-KMS is not implemented by Nuage yet."),
            _ => throw new S3Exception(S3Error.InvalidArgument, "The SSEAlgorithm specified is not valid."),
        };
    }
}
