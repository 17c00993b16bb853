using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.S3.Http;

namespace Nuage.S3.Xml;

/// <summary>
/// The body of PutBucketEncryption and the answer of GetBucketEncryption (S3 API reference,
/// ServerSideEncryptionConfiguration): one Rule with ApplyServerSideEncryptionByDefault (SSEAlgorithm, and for
/// aws:kms an optional KMSMasterKeyID) and BucketKeyEnabled.
/// </summary>
public static class ServerSideEncryptionConfigurationDocument
{
    public static void Write(XmlWriter xml, BucketEncryptionSetting setting)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(setting);
        xml.WriteStartElement("ServerSideEncryptionConfiguration", S3Xml.Namespace);
        xml.WriteStartElement("Rule");
        xml.WriteStartElement("ApplyServerSideEncryptionByDefault");
        xml.WriteElementString("SSEAlgorithm", setting.Algorithm);
        if (setting.KmsMasterKeyId is { } keyId)
        {
            xml.WriteElementString("KMSMasterKeyID", keyId);
        }

        xml.WriteEndElement();

        // Bucket Keys apply to SSE-KMS only; with SSE-S3 S3 answers false.
        xml.WriteElementString("BucketKeyEnabled", setting.BucketKeyEnabled ? "true" : "false");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>
    /// The configuration's one rule. MalformedXML for another root, no Rule, more than one Rule (S3 takes exactly one)
    /// or no SSEAlgorithm; a KMSMasterKeyID with AES256 is InvalidArgument ("This parameter is allowed if and only if
    /// SSEAlgorithm is set to aws:kms"), as is an unknown algorithm; aws:kms:dsse answers NotImplemented.
    /// </summary>
    public static BucketEncryptionSetting Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "ServerSideEncryptionConfiguration"
            || S3XmlRequest.Children(root, "Rule").ToList() is not [var rule]
            || S3XmlRequest.Children(rule, "ApplyServerSideEncryptionByDefault").SingleOrDefault() is not { } apply
            || S3XmlRequest.ChildValue(apply, "SSEAlgorithm") is not { } algorithm)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var keyId = S3XmlRequest.ChildValue(apply, "KMSMasterKeyID");
        bool bucketKey = S3XmlRequest.ChildValue(rule, "BucketKeyEnabled") switch
        {
            null => false,
            var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new S3Exception(S3Error.MalformedXML),
        };
        return algorithm switch
        {
            BucketEncryptionSetting.Aes256 when keyId is not null =>
                throw new S3Exception(S3Error.InvalidArgument, "KMSMasterKeyID is allowed only with SSEAlgorithm aws:kms."),
            BucketEncryptionSetting.Aes256 => new BucketEncryptionSetting(algorithm),
            BucketEncryptionSetting.AwsKms => new BucketEncryptionSetting(algorithm, string.IsNullOrEmpty(keyId) ? null : keyId, bucketKey),
            "aws:kms:dsse" => throw new S3Exception(S3Error.NotImplemented, "Dual-layer SSE-KMS (aws:kms:dsse) is not implemented by Nuage."),
            _ => throw new S3Exception(S3Error.InvalidArgument, "The SSEAlgorithm specified is not valid."),
        };
    }
}
