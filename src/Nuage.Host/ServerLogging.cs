using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Nuage.Host;

/// <summary>
/// The server's log (docs/logging.md): console output, UTC timestamps, one line per entry in text or JSON
/// (Microsoft.Extensions.Logging's own formatters), the level from --log-level. ASP.NET Core's own categories stay
/// at Warning whatever the level: at Debug, Kestrel logs request lines, whose query string may be a presigned
/// URL's credential, and S3 requests have their own line already.
/// </summary>
internal static class ServerLogging
{
    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    public static void Configure(ILoggingBuilder logging, NuageServerOptions options)
    {
        logging.ClearProviders();
        if (options.LogFormat == LogFormat.Json)
        {
            logging.AddJsonConsole(json =>
            {
                json.TimestampFormat = Timestamp.TrimEnd();
                json.UseUtcTimestamp = true;
                json.IncludeScopes = false;
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = Timestamp;
                console.UseUtcTimestamp = true;
            });
        }

        logging.SetMinimumLevel(options.LogLevel);
        logging.AddFilter("Microsoft", options.LogLevel > LogLevel.Warning ? options.LogLevel : LogLevel.Warning);
        logging.AddFilter("System", options.LogLevel > LogLevel.Warning ? options.LogLevel : LogLevel.Warning);
    }

    /// <summary>Reads a --log-level value: the names Microsoft.Extensions.Logging uses, case-insensitive, "info" and "warn" too.</summary>
    public static LogLevel ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        "none" => LogLevel.None,
        _ => throw new FormatException($"--log-level must be one of trace, debug, information, warning, error, critical, none; not '{text}'."),
    };

    public static LogFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => throw new FormatException($"--log-format must be text or json, not '{text}'."),
    };
}
