namespace Nuage.Metadata.Postgres;

using System.Globalization;
using Npgsql;

/// <summary>
/// Turns what an operator gives `--metadata` into an Npgsql connection string. Npgsql reads only its own
/// keyword form, and no library parses libpq's URL form
/// (postgresql://user:password@host1:port1,host2:port2/database?param=value, PostgreSQL docs §34.1.1 "Connection
/// URIs"), so this small parser is hand-written. A string that is not a URL is taken as Npgsql keywords as-is.
/// </summary>
public static class PostgresUrl
{
    /// <summary>The session settings of the engine's connections when the operator gives no `options=`.</summary>
    public const string DefaultOptions = "-c max_parallel_workers_per_gather=0 -c enable_seqscan=off";

    /// <summary>Whether <paramref name="value"/> names a PostgreSQL database (a URL with one of libpq's schemes).</summary>
    public static bool IsPostgres(string value) =>
        value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string for a URL (or keywords), with Nuage's pooling and statement defaults.</summary>
    /// <exception cref="FormatException">The URL cannot be read; the message says what is wrong.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var builder = IsPostgres(value) ? FromUrl(value) : new NpgsqlConnectionStringBuilder(value);

        // Prepared statements without asking (Npgsql "Automatic preparation"): the hot statements are few and
        // repeated, so each physical connection prepares them once.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 128;
            builder.AutoPrepareMinUsages = 2;
        }

        // Npgsql's connect timeout (15 s) stays: a refused connection fails at once anyway, and a shorter one made a
        // burst of new pooled connections (SCRAM authentication, a backend forked for each) time out on a loaded
        // machine.
        // A pooled connection goes back without Npgsql's reset (SET SESSION AUTHORIZATION DEFAULT; RESET ALL; ...): one
        // round trip per read saved, a tenth of a GET's database time. The engine changes no session state on its
        // connections (a snapshot read's transaction is committed before the connection returns).
        builder.NoResetOnClose = true;

        // No parallel query (max_parallel_workers_per_gather = 0, sent once as a startup parameter, so no round trip):
        // every statement of the engine is a short index seek, and starting workers costs more than any of them. The
        // planner chose a parallel plan for a 1,000-key listing page of a 10,000-key bucket beside a million-key one
        // (its estimate of the version lookups' cost), which made that page twice as slow as the large bucket's
        // (docs/metadata-engines.md "Measured").
        // No sequential scan where an index serves (enable_seqscan = off): every statement of the engine names a key
        // its indexes lead with, but the planner costs a sequential scan of a table that ANALYZE saw small (the first
        // autovacuum of a fresh database, seconds after start) below any index seek, and a prepared statement keeps
        // that generic plan until the next ANALYZE, a minute or more later. Meanwhile every PUT scanned the whole
        // objects table: 4 KiB PUTs fell from about 2,000 to 276 ops/s within 20 s of writing new keys
        // (docs/metadata-engines.md "Plans that outlive a small table"). A statement with no index to use still scans.
        // Options the operator gives (`options=` in the URL) replace both settings.
        builder.Options ??= DefaultOptions;
        builder.ApplicationName ??= "nuage";
        return builder;
    }

    /// <summary>The server(s) a connection string names, for messages (never the password).</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string hosts = builder.Host ?? "localhost";
        if (!hosts.Contains(',', StringComparison.Ordinal) && !hosts.Contains(':', StringComparison.Ordinal))
        {
            hosts += ":" + builder.Port.ToString(CultureInfo.InvariantCulture);
        }

        return $"postgresql://{hosts}/{builder.Database}";
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        string rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        string query = "";
        int questionMark = rest.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }

        string path = "";
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            path = rest[(slash + 1)..];
            rest = rest[..slash];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            string credentials = rest[..at];
            rest = rest[(at + 1)..];
            int colon = credentials.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon >= 0 ? credentials[..colon] : credentials);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(credentials[(colon + 1)..]);
            }
        }

        if (rest.Length == 0)
        {
            throw new FormatException($"The PostgreSQL URL names no host: '{Redact(url)}'.");
        }

        // host1:port1,host2:port2: Npgsql takes the same list in Host (a port per host, or Port as the default).
        foreach (string host in rest.Split(','))
        {
            int colon = host.LastIndexOf(':');
            if (host.Length == 0 || (colon >= 0 && !int.TryParse(host.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new FormatException($"The PostgreSQL URL has a host that cannot be read: '{Redact(url)}'.");
            }
        }

        builder.Host = Uri.UnescapeDataString(rest);
        builder.Database = path.Length == 0 ? builder.Username : Uri.UnescapeDataString(path);
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Uri.UnescapeDataString(equals >= 0 ? pair[..equals] : pair);
            string value = equals >= 0 ? Uri.UnescapeDataString(pair[(equals + 1)..]) : "";
            Apply(builder, name, value, url);
        }

        return builder;
    }

    // libpq's parameter names (PostgreSQL docs §34.1.2) mapped to Npgsql's keywords; the ones a Nuage operator uses.
    private static void Apply(NpgsqlConnectionStringBuilder builder, string name, string value, string url)
    {
        switch (name)
        {
            case "target_session_attrs":
                builder["Target Session Attributes"] = value;
                break;
            case "sslmode":
                builder["SSL Mode"] = value switch
                {
                    "disable" => "Disable",
                    "allow" => "Allow",
                    "prefer" => "Prefer",
                    "require" => "Require",
                    "verify-ca" => "VerifyCA",
                    "verify-full" => "VerifyFull",
                    _ => throw new FormatException($"Unknown sslmode '{value}' in '{Redact(url)}'."),
                };
                break;
            case "sslrootcert":
                builder.RootCertificate = value;
                break;
            case "sslcert":
                builder.SslCertificate = value;
                break;
            case "sslkey":
                builder.SslKey = value;
                break;
            case "connect_timeout":
                builder.Timeout = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "user":
                builder.Username = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "dbname":
                builder.Database = value;
                break;
            case "port":
                builder.Port = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            default:
                // Anything else is passed to Npgsql under its own keyword, which rejects what it does not know.
                try
                {
                    builder[name] = value;
                }
                catch (ArgumentException ex)
                {
                    throw new FormatException($"Unknown parameter '{name}' in '{Redact(url)}'.", ex);
                }

                break;
        }
    }

    /// <summary>The URL without its password, for error messages.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        int at = url.LastIndexOf('@');
        if (scheme < 0 || at < 0)
        {
            return url;
        }

        int colon = url.IndexOf(':', scheme + 3);
        return colon >= 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
