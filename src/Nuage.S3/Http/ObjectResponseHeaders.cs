using Nuage.Signing;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Tagging;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Http;

/// <summary>Writes an object's stored headers on GET/HEAD, with the response-* query overrides of GetObject.</summary>
public static class ObjectResponseHeaders
{
    /// <summary>S3's Content-Type for objects stored without one.</summary>
    public const string DefaultContentType = "binary/octet-stream";

    public static void Write(HttpResponse response, ObjectInfo info, ResponseOverrides overrides, bool includeChecksum)
    {
        var headers = response.Headers;
        var attributes = info.Attributes;
        headers.ETag = S3Xml.QuotedETag(info.ETag);
        headers.LastModified = HttpDates.Format(info.LastModified);
        headers.AcceptRanges = "bytes";
        headers.ContentType = MimeHeaderEncoding.Encode(overrides.ContentType ?? attributes.ContentType ?? DefaultContentType);
        SetIfAny(headers, "Content-Encoding", overrides.ContentEncoding ?? attributes.ContentEncoding);
        SetIfAny(headers, "Content-Disposition", overrides.ContentDisposition ?? attributes.ContentDisposition);
        SetIfAny(headers, "Content-Language", overrides.ContentLanguage ?? attributes.ContentLanguage);
        SetIfAny(headers, "Cache-Control", overrides.CacheControl ?? attributes.CacheControl);
        SetIfAny(headers, "Expires", overrides.Expires ?? attributes.Expires);
        foreach (var (key, value) in attributes.UserMetadata)
        {
            headers["x-amz-meta-" + key] = MimeHeaderEncoding.Encode(value);
        }

        WriteVersionId(response, info);
        if (info.PartsCount is { } parts)
        {
            headers["x-amz-mp-parts-count"] = parts.ToString(CultureInfo.InvariantCulture);
        }

        // "The number of tags, if any, on the object" (GetObject, HeadObject: x-amz-tagging-count); absent without tags.
        if (info.Tags is { } tags && TagSet.FromQueryString(tags, TagSet.MaxObjectTags).Count is > 0 and var count)
        {
            headers["x-amz-tagging-count"] = count.ToString(CultureInfo.InvariantCulture);
        }

        if (includeChecksum && info.Checksum is { } checksum)
        {
            headers[ChecksumNames.HeaderName(checksum.Algorithm)] = checksum.Value;
            headers["x-amz-checksum-type"] = checksum.IsComposite ? "COMPOSITE" : "FULL_OBJECT";
        }
    }

    /// <summary>
    /// x-amz-version-id of a version written or read, when it has an id of its own: the null version (every object
    /// of a bucket that never had versioning) answers none, as an unversioned bucket on AWS does.
    /// </summary>
    public static void WriteVersionId(HttpResponse response, ObjectInfo info)
    {
        if (info.VersionId != "null")
        {
            SetVersionId(response, info.VersionId);
        }
    }

    public static void SetVersionId(HttpResponse response, string versionId) => response.Headers["x-amz-version-id"] = versionId;

    /// <summary>ETag and Last-Modified only, for 304 Not Modified (RFC 9110 §15.4.5).</summary>
    public static void WriteValidators(HttpResponse response, ObjectInfo info)
    {
        response.Headers.ETag = S3Xml.QuotedETag(info.ETag);
        response.Headers.LastModified = HttpDates.Format(info.LastModified);
    }

    private static void SetIfAny(IHeaderDictionary headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers[name] = MimeHeaderEncoding.Encode(value);
        }
    }
}
