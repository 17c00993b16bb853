namespace Nuage.Regions.Federation;

using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

/// <summary>
/// Reads and validates the federation file every region is started with (<c>nuage server --region paris
/// --federation federation.yml</c>; docs/regions.md). Validation collects every problem, so an operator fixes the
/// file in one pass, and refuses a file this region cannot work with before anything listens.
/// </summary>
/// <example>
/// <code>
/// control: paris
/// regions:
///   - name: paris
///     s3: https://s3.paris.example.net
///     console: https://console.paris.example.net
///   - name: dubai
///     s3: https://s3.dubai.example.net
///     console: https://console.dubai.example.net
/// </code>
/// </example>
public static partial class FederationFile
{
    /// <summary>
    /// A region name as S3 clients carry it in a SigV4 credential scope, a LocationConstraint and a host name:
    /// lowercase letters, digits and hyphens, starting and ending with a letter or digit, at most 63 characters (one
    /// DNS label, so a virtual-hosted endpoint can name it).
    /// </summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    /// <exception cref="FederationFileException">The file is missing, is not YAML of this shape, or fails validation.</exception>
    public static FederationConfig Load(string path, string localRegion)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FederationFileException(path, [ex.Message]);
        }

        return Parse(text, path, localRegion);
    }

    /// <param name="source">Where <paramref name="yaml"/> came from, named in errors.</param>
    public static FederationConfig Parse(string yaml, string source, string localRegion)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        FederationDocument? document;
        try
        {
            // Unknown keys are errors (the deserializer's default): a misspelt "console" must not pass silently.
            document = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<FederationDocument?>(yaml);
        }
        catch (YamlException ex)
        {
            string reason = (ex.InnerException as YamlException)?.Message ?? ex.Message;
            throw new FederationFileException(source, [$"line {ex.Start.Line}, column {ex.Start.Column}: {Simplify(reason)}"]);
        }

        return Validate(document ?? new FederationDocument(), source, localRegion);
    }

    private static FederationConfig Validate(FederationDocument document, string source, string localRegion)
    {
        var problems = new List<string>();
        var regions = new List<FederationRegion>();
        if (document.Regions is not { Count: > 0 })
        {
            problems.Add("'regions' lists no region; list each region with its name, s3 and console endpoints.");
        }
        else
        {
            for (int i = 0; i < document.Regions.Count; i++)
            {
                if (ReadRegion(document.Regions[i], i + 1, problems) is { } region)
                {
                    regions.Add(region);
                }
            }
        }

        foreach (var duplicate in regions.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"region '{duplicate.Key}' is listed {duplicate.Count()} times; names are unique.");
        }

        foreach (var shared in regions.SelectMany(r => new[] { (r.Name, Endpoint: r.S3Endpoint), (r.Name, Endpoint: r.ConsoleEndpoint) })
                     .GroupBy(e => e.Endpoint)
                     .Where(g => g.Count() > 1))
        {
            problems.Add($"endpoint {shared.Key} is given more than once ({string.Join(", ", shared.Select(e => e.Name))}); every region has its own S3 and console endpoints.");
        }

        FederationRegion? control = null;
        if (string.IsNullOrWhiteSpace(document.Control))
        {
            problems.Add("'control' is missing: name the control region, which keeps accounts and bucket names.");
        }
        else if ((control = regions.FirstOrDefault(r => r.Name == document.Control)) is null && regions.Count > 0)
        {
            problems.Add($"'control' names '{document.Control}', which 'regions' does not list.");
        }

        var local = regions.FirstOrDefault(r => r.Name == localRegion);
        if (local is null && regions.Count > 0)
        {
            problems.Add($"this server's region '{localRegion}' (--region) is not listed; the file lists {string.Join(", ", regions.Select(r => r.Name))}.");
        }

        if (problems.Count > 0)
        {
            throw new FederationFileException(source, problems);
        }

        return new FederationConfig(regions, control!, local!);
    }

    private static FederationRegion? ReadRegion(FederationDocument.RegionEntry? entry, int position, List<string> problems)
    {
        if (entry is null)
        {
            problems.Add($"region #{position} is empty.");
            return null;
        }

        string where = entry.Name is { Length: > 0 } named ? $"region '{named}'" : $"region #{position}";
        bool valid = true;
        if (string.IsNullOrEmpty(entry.Name))
        {
            problems.Add($"{where} has no 'name'.");
            valid = false;
        }
        else if (!RegionName().IsMatch(entry.Name))
        {
            problems.Add($"{where}: the name must be lowercase letters, digits and hyphens (at most 63, not starting or ending with a hyphen).");
            valid = false;
        }

        var s3 = ReadEndpoint(entry.S3, "s3", where, problems);
        var console = ReadEndpoint(entry.Console, "console", where, problems);
        return valid && s3 is not null && console is not null ? new FederationRegion(entry.Name!, s3, console) : null;
    }

    private static Uri? ReadEndpoint(string? value, string field, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{where} has no '{field}' endpoint.");
            return null;
        }

        // An endpoint is a scheme, a host and a port: clients append bucket and key paths to it, so it has no path
        // of its own, and it carries no credentials, query or fragment.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            problems.Add($"{where}: '{field}' must be an http:// or https:// address with a host and an optional port, nothing after it (got '{value}').");
            return null;
        }

        return uri;
    }

    // YamlDotNet names .NET types in some messages ("Property 'x' not found on type '...FederationDocument'"); an
    // operator needs the file's terms instead.
    private static string Simplify(string message)
    {
        int onType = message.IndexOf(" on type ", StringComparison.Ordinal);
        if (onType > 0)
        {
            return message[..onType] + "; the keys are 'control', 'regions' and, per region, 'name', 's3' and 'console'.";
        }

        return message.StartsWith("No node deserializer", StringComparison.Ordinal)
            ? "a list or mapping where a single value belongs, or the reverse ('regions' is a list of mappings; the rest are single values)."
            : message;
    }
}
