using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Nuage.Signing;

/// <summary>
/// Writes the Signature Version 2 string to sign ("Signing and authenticating REST requests (AWS signature version
/// 2)", "Request canonicalization for signing"):
/// <code>
/// HTTP-Verb \n Content-MD5 \n Content-Type \n Date \n CanonicalizedAmzHeaders CanonicalizedResource
/// </code>
/// The Date line is the Date header, empty when x-amz-date is sent ("Time stamp requirement"), and the Expires
/// parameter for query-string authentication ("Query string request authentication alternative").
/// </summary>
internal static class SigV2StringToSign
{
    private const string AmzPrefix = "x-amz-";
    private const string AmzDateHeader = "x-amz-date";

    /// <summary>
    /// The query parameters that belong to the CanonicalizedResource ("Constructing the CanonicalizedResource
    /// element": the listed sub-resources, the response-* overrides of GetObject, and "delete" for DeleteObjects),
    /// plus the further ones botocore signs, since botocore is the client that still defaults to SigV2 for
    /// presigned URLs. Matching is case-sensitive, as in the signers.
    /// </summary>
    private static readonly FrozenSet<string> SubResourceSet = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle", "location",
            "logging", "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "restore", "select",
            "select-type", "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
            "versions", "website",
        ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SubResources =
        SubResourceSet.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How the date and a bucket-only resource are written; see <see cref="SigV2Verifier"/> for the forms in use.</summary>
    /// <param name="DateLine">The Date header, the Expires parameter, empty when x-amz-date stands in for Date, or
    /// the x-amz-date value itself when <paramref name="AmzDateOnDateLine"/>.</param>
    /// <param name="AmzDateOnDateLine">x-amz-date is on the Date line and so left out of CanonicalizedAmzHeaders.</param>
    /// <param name="SlashAfterBucket">The path names a bucket only ("/bucket"), and is signed as "/bucket/".</param>
    public readonly record struct Form(string DateLine, bool AmzDateOnDateLine, bool SlashAfterBucket);

    /// <summary>A path-style path naming a bucket and nothing more: "/bucket", without a trailing slash.</summary>
    public static bool IsBucketOnly(ReadOnlySpan<char> rawPath) =>
        rawPath.Length > 1 && rawPath[0] == '/' && rawPath[1..].IndexOf('/') < 0;

    /// <param name="virtualHostBucket">The bucket named by the Host header, or null for a path-style request.</param>
    public static void Write(
        ref PooledByteWriter writer,
        HttpRequest request,
        Form form,
        ReadOnlySpan<char> rawPath,
        ReadOnlySpan<char> rawQuery,
        string? virtualHostBucket)
    {
        var headers = request.Headers;
        writer.WriteUtf8(request.Method);
        writer.Write((byte)'\n');
        WriteHeaderLine(ref writer, headers.ContentMD5);
        WriteHeaderLine(ref writer, headers.ContentType);
        writer.WriteUtf8(form.DateLine);
        writer.Write((byte)'\n');
        WriteAmzHeaders(ref writer, headers, skipAmzDate: form.AmzDateOnDateLine);
        WriteResource(ref writer, rawPath, rawQuery, virtualHostBucket, form.SlashAfterBucket);
    }

    private static void WriteHeaderLine(ref PooledByteWriter writer, StringValues values)
    {
        if (values.Count > 0)
        {
            writer.WriteUtf8(values.ToString().AsSpan().Trim());
        }

        writer.Write((byte)'\n');
    }

    /// <summary>
    /// "Constructing the CanonicalizedAmzHeaders element": every x-amz-* header, named in lower case, sorted by
    /// name, each written "name:value\n" with its values trimmed and joined by ',' (no space), as the signer saw them.
    /// </summary>
    private static void WriteAmzHeaders(ref PooledByteWriter writer, IHeaderDictionary headers, bool skipAmzDate)
    {
        List<KeyValuePair<string, StringValues>>? amz = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(AmzPrefix, StringComparison.OrdinalIgnoreCase)
                && !(skipAmzDate && header.Key.Equals(AmzDateHeader, StringComparison.OrdinalIgnoreCase)))
            {
                (amz ??= []).Add(new(header.Key.ToLowerInvariant(), header.Value));
            }
        }

        if (amz is null)
        {
            return;
        }

        amz.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (name, values) in amz)
        {
            writer.WriteUtf8(name);
            writer.Write((byte)':');
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write((byte)',');
                }

                writer.WriteUtf8(values[i].AsSpan().Trim());
            }

            writer.Write((byte)'\n');
        }
    }

    /// <summary>
    /// "Constructing the CanonicalizedResource element": "/bucket" for a virtual-host request, then the path exactly
    /// as sent (still percent-encoded: AWS's Unicode example signs "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re"),
    /// then "?" and the sub-resources sorted by name, with their values decoded ("when signing you do not encode
    /// these values").
    /// </summary>
    private static void WriteResource(
        ref PooledByteWriter writer, ReadOnlySpan<char> rawPath, ReadOnlySpan<char> rawQuery, string? virtualHostBucket, bool slashAfterBucket)
    {
        if (virtualHostBucket is not null)
        {
            writer.Write((byte)'/');
            writer.WriteUtf8(virtualHostBucket);
        }

        if (rawPath.IsEmpty)
        {
            writer.Write((byte)'/');
        }
        else
        {
            writer.WriteUtf8(rawPath);
            if (slashAfterBucket)
            {
                writer.Write((byte)'/');
            }
        }

        if (rawQuery.IsEmpty)
        {
            return;
        }

        List<(string Name, string? Value)>? found = null;
        foreach (var range in rawQuery.Split('&'))
        {
            var pair = rawQuery[range];
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            if (!name.IsEmpty && SubResources.Contains(name))
            {
                (found ??= []).Add((name.ToString(), eq < 0 ? null : Uri.UnescapeDataString(pair[(eq + 1)..].ToString())));
            }
        }

        if (found is null)
        {
            return;
        }

        // Stable: a repeated sub-resource keeps the order it was sent in.
        var sorted = found.Index().OrderBy(p => p.Item.Name, StringComparer.Ordinal).ThenBy(p => p.Index);
        var separator = (byte)'?';
        foreach (var (_, (name, value)) in sorted)
        {
            writer.Write(separator);
            separator = (byte)'&';
            writer.WriteUtf8(name);
            if (value is not null)
            {
                writer.Write((byte)'=');
                writer.WriteUtf8(value);
            }
        }
    }
}
