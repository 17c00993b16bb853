namespace Nuage.S3.Xml;

/// <summary>
/// encoding-type=url in listings: keys, prefixes, delimiters and markers are percent-encoded so that characters
/// XML cannot carry survive (S3 API reference, ListObjectsV2 "EncodingType"). Like S3, "/" is left as it is, so
/// clients that do not decode still see the hierarchy.
/// </summary>
public static class S3UrlEncoding
{
    public static string Encode(string value, bool enabled) =>
        enabled ? Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal) : value;
}
