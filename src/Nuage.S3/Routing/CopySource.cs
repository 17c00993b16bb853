using Nuage.S3.Errors;

namespace Nuage.S3.Routing;

/// <summary>
/// x-amz-copy-source: "bucket/key" or "/bucket/key", URL-encoded, optionally followed by "?versionId=id"
/// (CopyObject, "Request Syntax").
/// </summary>
public readonly record struct CopySource(string Bucket, string Key, string? VersionId)
{
    public static CopySource Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            throw Invalid();
        }

        var value = header.Trim();
        string? versionId = null;
        var query = value.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            const string VersionParameter = "versionId=";
            var parameters = value[(query + 1)..];
            if (parameters.StartsWith(VersionParameter, StringComparison.Ordinal))
            {
                versionId = S3RequestTarget.Decode(parameters.AsSpan(VersionParameter.Length));
            }

            value = value[..query];
        }

        var decoded = S3RequestTarget.Decode(value.TrimStart('/'));
        var slash = decoded.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == decoded.Length - 1)
        {
            throw Invalid();
        }

        return new CopySource(decoded[..slash], decoded[(slash + 1)..], string.IsNullOrEmpty(versionId) ? null : versionId);
    }

    private static S3Exception Invalid() =>
        new(S3Error.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
        {
            Details = [new("ArgumentName", "x-amz-copy-source")],
        };
}
