using System.CommandLine;
using System.Text.Json;
using Nuage.Iam;

namespace Nuage.Host.AdminCli;

/// <summary>
/// Where `nuage admin` sends its requests and as whom: --endpoint (NUAGE_ADMIN_ENDPOINT, default
/// http://127.0.0.1:9001); keys from --access-key/--secret-key, else NUAGE_ACCESS_KEY/NUAGE_SECRET_KEY, else
/// NUAGE_ROOT_ACCESS_KEY/NUAGE_ROOT_SECRET_KEY (what the server was started with), else DATA/root-credentials.
/// </summary>
public static class AdminConnection
{
    public static readonly Option<string> Endpoint = new("--endpoint")
    {
        Description = "Console port of the server [env: NUAGE_ADMIN_ENDPOINT]",
        DefaultValueFactory = _ => Env("NUAGE_ADMIN_ENDPOINT") ?? "http://127.0.0.1:9001",
        Recursive = true,
    };

    public static readonly Option<string?> AccessKey = new("--access-key")
    {
        Description = "Access key to sign with [env: NUAGE_ACCESS_KEY, then NUAGE_ROOT_ACCESS_KEY]",
        Recursive = true,
    };

    public static readonly Option<string?> SecretKey = new("--secret-key")
    {
        Description = "Secret key to sign with [env: NUAGE_SECRET_KEY, then NUAGE_ROOT_SECRET_KEY]",
        Recursive = true,
    };

    public static readonly Option<string> Data = new("--data")
    {
        Description = "Data directory whose root-credentials to use when no keys are given [env: NUAGE_DATA]",
        DefaultValueFactory = _ => Env("NUAGE_DATA") ?? "./data",
        Recursive = true,
    };

    public static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "table (default) or json (the server's JSON as is)",
        DefaultValueFactory = _ => "table",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Endpoint, AccessKey, SecretKey, Data, Output];

    public static AdminClient CreateClient(ParseResult result)
    {
        var endpointText = result.GetValue(Endpoint)!;
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new AdminCliException($"--endpoint must be an http(s) URL such as http://127.0.0.1:9001, not '{endpointText}'.");
        }

        var (accessKey, secretKey) = Credentials(result);
        return new AdminClient(endpoint, accessKey, secretKey);
    }

    public static bool Json(ParseResult result) => result.GetValue(Output) switch
    {
        "json" => true,
        "table" => false,
        var other => throw new AdminCliException($"--output must be table or json, not '{other}'."),
    };

    private static (string AccessKey, string SecretKey) Credentials(ParseResult result)
    {
        var access = result.GetValue(AccessKey);
        var secret = result.GetValue(SecretKey);
        if (access is not null || secret is not null)
        {
            return access is not null && secret is not null
                ? (access, secret)
                : throw new AdminCliException("--access-key and --secret-key go together.");
        }

        foreach (var (a, s) in new[] { ("NUAGE_ACCESS_KEY", "NUAGE_SECRET_KEY"), (RootCredentials.AccessKeyVariable, RootCredentials.SecretKeyVariable) })
        {
            if (Env(a) is { } envAccess && Env(s) is { } envSecret)
            {
                return (envAccess, envSecret);
            }
        }

        var file = Path.Combine(result.GetValue(Data)!, RootCredentials.FileName);
        if (!File.Exists(file))
        {
            throw new AdminCliException(
                "No credentials: pass --access-key and --secret-key, set NUAGE_ACCESS_KEY and NUAGE_SECRET_KEY, or point --data at the server's data directory.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            return (document.RootElement.GetProperty("accessKeyId").GetString()!, document.RootElement.GetProperty("secretAccessKey").GetString()!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AdminCliException($"{file} cannot be read: {e.Message}");
        }
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
