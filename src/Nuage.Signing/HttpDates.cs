using System.Globalization;

namespace Nuage.Signing;

/// <summary>HTTP-date (RFC 9110 §5.6.7) formatting and lenient parsing of the forms clients send.</summary>
public static class HttpDates
{
    private static readonly string[] Formats =
    [
        "r", // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'", // obsolete RFC 850
        "ddd MMM d HH:mm:ss yyyy", // asctime
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
    ];

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Null when absent or unparseable: an invalid date in a conditional header is ignored (RFC 9110 §13.1.3).</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        var text = value.Trim();
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, styles, out var parsed))
        {
            return parsed;
        }

        // .NET rejects an IMF-fixdate whose day name disagrees with its date ("Tue, 07 Jul 2010" was a Wednesday);
        // the date itself is still well formed, so read it without the day name (a wrong date then fails on its
        // value, e.g. RequestTimeTooSkewed, as S3 does).
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma is > 0 and <= 9
            && DateTimeOffset.TryParseExact(text[(comma + 1)..].Trim(), "dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture, styles, out parsed)
            ? parsed
            : null;
    }
}
