using System.Globalization;
using System.Text;
using Nuage.S3.Xml;

namespace Nuage.S3.AccessLogging;

/// <summary>
/// Renders one <see cref="AccessLogEntry"/> as a line of the server access log ("Amazon S3 server access log
/// format"): 26 space-separated fields, '-' for an empty one, the time in brackets
/// ([06/Feb/2019:00:00:38 +0000]) and the Request-URI, referer and user agent in double quotes (a quote or
/// backslash inside them is escaped with a backslash, so the line still splits as a shell would split it).
/// </summary>
public static class AccessLogLine
{
    private const string Empty = "-";

    public static string Format(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = new StringBuilder(512);
        Field(line, entry.BucketOwner);
        Field(line, entry.Bucket);
        line.Append('[').Append(entry.Time.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)).Append(" +0000] ");
        Field(line, entry.RemoteIp);
        Field(line, entry.Requester);
        Field(line, entry.RequestId);
        Field(line, entry.Operation);
        Field(line, entry.Key is null ? null : S3UrlEncoding.Encode(entry.Key, enabled: true));
        Quoted(line, entry.RequestUri);
        Field(line, entry.HttpStatus.ToString(CultureInfo.InvariantCulture));
        Field(line, entry.ErrorCode);
        Field(line, entry.BytesSent == 0 ? null : entry.BytesSent.ToString(CultureInfo.InvariantCulture));
        Field(line, entry.ObjectSize?.ToString(CultureInfo.InvariantCulture));
        Field(line, entry.TotalTimeMs.ToString(CultureInfo.InvariantCulture));
        Field(line, entry.TurnAroundTimeMs?.ToString(CultureInfo.InvariantCulture));
        Quoted(line, entry.Referer);
        Quoted(line, entry.UserAgent);
        Field(line, entry.VersionId);
        Field(line, entry.HostId);
        Field(line, entry.SignatureVersion);
        Field(line, entry.CipherSuite);
        Field(line, entry.AuthType);
        Field(line, entry.HostHeader);
        Field(line, entry.TlsVersion);
        Field(line, entry.AccessPointArn);
        line.Append(entry.AclRequired ? "Yes" : Empty);
        return line.ToString();
    }

    /// <summary>A bare field: a value with a space or a control character in it would break the line, so those become '+' and '?'.</summary>
    private static void Field(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            line.Append(Empty).Append(' ');
            return;
        }

        foreach (var c in value)
        {
            line.Append(c == ' ' ? '+' : char.IsControl(c) ? '?' : c);
        }

        line.Append(' ');
    }

    private static void Quoted(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            line.Append(Empty).Append(' ');
            return;
        }

        line.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                line.Append('\\');
            }

            line.Append(char.IsControl(c) ? '?' : c);
        }

        line.Append("\" ");
    }
}
