namespace Nuage.Signing;

/// <summary>
/// Maps a signed header name (a slice of SignedHeaders) to the string key the header dictionary needs, returning a
/// static string for the headers SDKs sign on every request so the common path allocates no name strings.
/// </summary>
internal static class HeaderNames
{
    private static readonly string[] Known =
    [
        "host",
        "x-amz-date",
        "x-amz-content-sha256",
        "content-length",
        "content-type",
        "content-md5",
        "content-encoding",
        "x-amz-decoded-content-length",
        "x-amz-trailer",
        "x-amz-sdk-checksum-algorithm",
        "x-amz-checksum-crc32",
        "x-amz-checksum-crc32c",
        "x-amz-checksum-crc64nvme",
        "x-amz-checksum-sha1",
        "x-amz-checksum-sha256",
        "x-amz-security-token",
        "x-amz-user-agent",
        "amz-sdk-invocation-id",
        "amz-sdk-request",
        "range",
        "date",
        "expect",
        "if-match",
        "if-none-match",
    ];

    public static string Get(ReadOnlySpan<char> name)
    {
        foreach (var known in Known)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return name.ToString();
    }
}
