using System.Globalization;

namespace Nuage.Signing;

/// <summary>The request time: x-amz-date / X-Amz-Date in ISO 8601 basic form (yyyyMMdd'T'HHmmss'Z'), or an RFC 1123 Date header.</summary>
internal static class AmzDate
{
    public const string Format = "yyyyMMdd'T'HHmmss'Z'";

    public static bool TryParse(ReadOnlySpan<char> value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static bool TryParseHttpDate(ReadOnlySpan<char> value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static string ToAmzDate(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The form S3 uses in error details (ServerTime, RequestTime, Expires).</summary>
    public static string ToIso8601(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
