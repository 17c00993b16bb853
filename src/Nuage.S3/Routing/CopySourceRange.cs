using System.Globalization;
using Nuage.S3.Errors;
using Nuage.Storage.Multipart;

namespace Nuage.S3.Routing;

/// <summary>x-amz-copy-source-range of UploadPartCopy: "bytes=first-last", both required ("Request Syntax").</summary>
public static class CopySourceRange
{
    public static ByteRange? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (!value.StartsWith("bytes=", StringComparison.Ordinal) || dash < 0
            || !long.TryParse(value.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(value.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            throw new S3Exception(S3Error.InvalidArgument, "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
            {
                Details = [new("ArgumentName", "x-amz-copy-source-range"), new("ArgumentValue", value)],
            };
        }

        return new ByteRange(first, last);
    }
}
