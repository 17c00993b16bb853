using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.S3.Routing.Operations;

namespace Nuage.S3.Routing;

/// <summary>Reads and validates the query parameters of S3 operations, with S3's errors for bad values.</summary>
internal static class QueryParameters
{
    /// <summary>S3 returns at most 1000 keys, parts or uploads per page whatever the request asks for.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>S3's part numbers run from 1 to 10,000.</summary>
    public const int MaxPartNumber = 10_000;

    public static string? Get(IQueryCollection query, string name)
    {
        var values = query[name];
        return values.Count == 0 ? null : values[0];
    }

    public static string? GetNonEmpty(IQueryCollection query, string name) => Get(query, name) is { Length: > 0 } value ? value : null;

    /// <summary>max-keys, max-parts, max-uploads, max-buckets: a non-negative integer, capped at the page limit.</summary>
    public static int MaxItems(IQueryCollection query, string name, int limit = MaxPageSize)
    {
        var text = Get(query, name);
        if (text is null)
        {
            return limit;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new S3Exception(S3Error.InvalidArgument, "Provided " + name + " not an integer or within integer range")
            {
                Details = [new("ArgumentName", name), new("ArgumentValue", text)],
            };
        }

        return Math.Min(value, limit);
    }

    /// <summary>encoding-type: absent, or "url" (the only value S3 defines).</summary>
    public static bool UrlEncoding(IQueryCollection query)
    {
        var encoding = Get(query, "encoding-type");
        if (encoding is not null && encoding != "url")
        {
            throw new S3Exception(S3Error.InvalidEncodingType) { Details = [new("ArgumentName", "encoding-type"), new("ArgumentValue", encoding)] };
        }

        return encoding == "url";
    }

    public static string? VersionId(IQueryCollection query) => GetNonEmpty(query, "versionId");

    /// <summary>An empty or missing uploadId names no upload.</summary>
    public static string UploadId(IQueryCollection query) =>
        GetNonEmpty(query, "uploadId") ?? throw new S3Exception(S3Error.NoSuchUpload);

    public static int PartNumber(IQueryCollection query) =>
        OptionalPartNumber(query) ?? throw InvalidPartNumber(string.Empty);

    public static int? OptionalPartNumber(IQueryCollection query)
    {
        var text = Get(query, "partNumber");
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > MaxPartNumber)
        {
            throw InvalidPartNumber(text);
        }

        return number;
    }

    public static int NonNegative(IQueryCollection query, string name)
    {
        var text = Get(query, name);
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new S3Exception(S3Error.InvalidArgument) { Details = [new("ArgumentName", name), new("ArgumentValue", text)] };
    }

    public static ResponseOverrides Overrides(IQueryCollection query)
    {
        if (query.Count == 0)
        {
            return ResponseOverrides.None;
        }

        return new ResponseOverrides(
            Get(query, "response-content-type"),
            Get(query, "response-content-language"),
            Get(query, "response-expires"),
            Get(query, "response-cache-control"),
            Get(query, "response-content-disposition"),
            Get(query, "response-content-encoding"));
    }

    private static S3Exception InvalidPartNumber(string text) =>
        new(S3Error.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive")
        {
            Details = [new("ArgumentName", "partNumber"), new("ArgumentValue", text)],
        };
}
