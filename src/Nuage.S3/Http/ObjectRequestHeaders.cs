using Nuage.S3.Tagging;
using System.Text;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.S3.Xml;
using Nuage.Signing;
using Nuage.Storage.Objects;

namespace Nuage.S3.Http;

/// <summary>Reads what a write request says about the object: representation headers, user metadata, digests.</summary>
public static class ObjectRequestHeaders
{
    /// <summary>S3 limits user-defined metadata to 2 KB in the request headers ("Working with object metadata").</summary>
    public const int MaxUserMetadataBytes = 2048;

    private const string MetaPrefix = "x-amz-meta-";

    public static ObjectAttributes ReadAttributes(IHeaderDictionary headers)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var metaBytes = 0;
        foreach (var (name, values) in headers)
        {
            if (name.Length > MetaPrefix.Length && name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = name[MetaPrefix.Length..].ToLowerInvariant();
                var value = MimeHeaderEncoding.Decode(values.ToString());
                metaBytes += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
                meta[key] = value;
            }
        }

        if (metaBytes > MaxUserMetadataBytes)
        {
            throw new S3Exception(S3Error.MetadataTooLarge);
        }

        return new ObjectAttributes(
            ContentType: NullIfEmpty(headers.ContentType.ToString()),
            ContentEncoding: StripAwsChunked(headers.ContentEncoding.ToString()),
            ContentDisposition: NullIfEmpty(headers.ContentDisposition.ToString()),
            ContentLanguage: NullIfEmpty(headers.ContentLanguage.ToString()),
            CacheControl: NullIfEmpty(headers.CacheControl.ToString()),
            Expires: NullIfEmpty(headers.Expires.ToString()),
            UserMetadata: meta);
    }

    /// <summary>Raw 16 bytes of Content-MD5, null when absent; a value that is not base64 of 16 bytes is InvalidDigest.</summary>
    public static byte[]? ReadContentMd5(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue("Content-MD5", out var values))
        {
            return null;
        }

        // A Content-MD5 header that is present but empty is a bad digest, not an absent one (S3 answers InvalidDigest).
        var text = values.ToString();

        var bytes = new byte[16];
        if (!Convert.TryFromBase64String(text.Trim(), bytes, out var written) || written != 16)
        {
            throw new S3Exception(S3Error.InvalidDigest);
        }

        return bytes;
    }

    /// <summary>
    /// The additional checksum of a write: a value in an x-amz-checksum-* header, or one announced in x-amz-trailer
    /// that arrives after the aws-chunked body, or only an algorithm (x-amz-sdk-checksum-algorithm) to compute.
    /// </summary>
    public static ChecksumInput? ReadChecksum(IHeaderDictionary headers, AuthenticatedRequest auth)
    {
        foreach (var algorithm in ChecksumNames.All)
        {
            var headerName = ChecksumNames.HeaderName(algorithm);
            var value = headers[headerName].ToString();
            if (value.Length > 0)
            {
                return new ChecksumInput(algorithm, () => value.Trim());
            }
        }

        var trailer = headers["x-amz-trailer"].ToString().Trim();
        if (trailer.Length > 0)
        {
            foreach (var algorithm in ChecksumNames.All)
            {
                var headerName = ChecksumNames.HeaderName(algorithm);
                if (string.Equals(trailer, headerName, StringComparison.OrdinalIgnoreCase))
                {
                    return new ChecksumInput(algorithm, () => auth.GetTrailer(headerName)?.Trim()
                        ?? throw new S3Exception(S3Error.InvalidRequest, "The trailing checksum announced in x-amz-trailer was not sent."));
                }
            }

            throw new S3Exception(S3Error.InvalidRequest, "The value specified in the x-amz-trailer header is not supported.");
        }

        var announced = headers["x-amz-sdk-checksum-algorithm"].ToString();
        if (announced.Length > 0)
        {
            return ChecksumNames.TryParse(announced, out var algorithm)
                ? new ChecksumInput(algorithm, () => null)
                : throw new S3Exception(S3Error.InvalidRequest, "Value for x-amz-sdk-checksum-algorithm header is invalid.");
        }

        return null;
    }

    /// <summary>
    /// An x-amz-checksum-* value sent with CompleteMultipartUpload for the whole object, if any: the composite
    /// ("base64-N") or the FULL_OBJECT value, whichever the upload's x-amz-checksum-type makes.
    /// </summary>
    public static ObjectChecksum? ReadWholeObjectChecksum(IHeaderDictionary headers)
    {
        foreach (var algorithm in ChecksumNames.All)
        {
            var value = headers[ChecksumNames.HeaderName(algorithm)].ToString().Trim();
            if (value.Length > 0)
            {
                return new ObjectChecksum(algorithm, value, value.Contains('-', StringComparison.Ordinal));
            }
        }

        return null;
    }

    /// <summary>x-amz-checksum-type of CreateMultipartUpload and CompleteMultipartUpload: COMPOSITE or FULL_OBJECT.</summary>
    public static ChecksumType? ReadChecksumType(IHeaderDictionary headers)
    {
        var text = headers["x-amz-checksum-type"].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return ChecksumTypeNames.TryParse(text, out var type)
            ? type
            : throw new S3Exception(S3Error.InvalidRequest, "Value for x-amz-checksum-type header is invalid.");
    }

    /// <summary>x-amz-checksum-algorithm of CreateMultipartUpload and CopyObject.</summary>
    public static ChecksumAlgorithm? ReadChecksumAlgorithm(IHeaderDictionary headers)
    {
        var text = headers["x-amz-checksum-algorithm"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return ChecksumNames.TryParse(text, out var algorithm)
            ? algorithm
            : throw new S3Exception(S3Error.InvalidRequest, "Checksum algorithm provided is unsupported.");
    }

    public static WriteCondition? ReadWriteCondition(IHeaderDictionary headers)
    {
        var ifMatch = headers.IfMatch.ToString();
        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifMatch.Length == 0 && ifNoneMatch.Length == 0)
        {
            return null;
        }

        if (ifNoneMatch.Length > 0 && ifNoneMatch.Trim() != "*")
        {
            throw new S3Exception(S3Error.NotImplemented, "If-None-Match on a write accepts only '*'.");
        }

        return new WriteCondition(ifMatch.Length > 0 ? ifMatch.Trim().Trim('"') : null, ifNoneMatch.Length > 0);
    }

    public static ReadConditions ReadConditions(IHeaderDictionary headers, string prefix = "")
    {
        return new ReadConditions(
            NullIfEmpty(headers[prefix + "If-Match"].ToString()),
            NullIfEmpty(headers[prefix + "If-None-Match"].ToString()),
            HttpDates.Parse(headers[prefix + "If-Modified-Since"].ToString()),
            HttpDates.Parse(headers[prefix + "If-Unmodified-Since"].ToString()));
    }

    /// <summary>
    /// "aws-chunked" in Content-Encoding describes the transfer framing, not the object: S3 does not store it
    /// ("Signature Calculations ... Transferring Payload in Multiple Chunks").
    /// </summary>
    private static string? StripAwsChunked(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (!value.Contains("aws-chunked", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var kept = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(v => !v.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase));
        return NullIfEmpty(string.Join(",", kept));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// x-amz-tagging of PutObject, CopyObject (REPLACE) and CreateMultipartUpload: "The tag-set must be encoded as
    /// URL Query parameters" (PutObject); checked against the object rules (InvalidTag). Null without the header.
    /// </summary>
    public static TagSet? ReadTags(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var values = headers["x-amz-tagging"];
        return values.Count == 0 ? null : TagSet.FromQueryString(values[0] ?? string.Empty, TagSet.MaxObjectTags);
    }
}
