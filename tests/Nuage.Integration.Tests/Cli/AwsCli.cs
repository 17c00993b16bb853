using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Cli;

/// <summary>
/// The awscli program (the Debian package `awscli`) pointed at a Nuage endpoint, with an isolated HOME and config
/// file: the test root key comes from the environment, the region is us-east-1, instance metadata is off, and
/// nothing of the machine's own AWS configuration is read.
/// </summary>
public sealed class AwsCli : IDisposable
{
    private readonly TempDirectory _home = new("nuage-awscli-");
    private readonly Uri _endpoint;
    private readonly Dictionary<string, string?> _environment;

    /// <param name="extraS3Settings">More lines of the config file's s3 section, e.g. "max_concurrent_requests = 1".</param>
    public AwsCli(Uri endpoint, params string[] extraS3Settings)
    {
        _endpoint = endpoint;
        var config = Path.Combine(_home.Path, "config");
        // Path style: the endpoint is an IP address, and virtual-host names would not resolve anyway.
        File.WriteAllText(config, "[default]\nregion = us-east-1\noutput = json\ns3 =\n    addressing_style = path\n    signature_version = s3v4\n"
            + string.Concat(extraS3Settings.Select(line => $"    {line}\n")));
        _environment = new Dictionary<string, string?>
        {
            ["HOME"] = _home.Path,
            ["AWS_CONFIG_FILE"] = config,
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home.Path, "credentials-none"),
            ["AWS_ACCESS_KEY_ID"] = NuageProcess.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = NuageProcess.SecretKey,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_PAGER"] = "",
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["NO_PROXY"] = "127.0.0.1",
            ["PYTHONUTF8"] = "1",
            ["PYTHONIOENCODING"] = "utf-8",
        };
    }

    public static string Program { get; } = ChildProcess.Find("/usr/bin/aws", "aws");

    public string Home => _home.Path;

    /// <summary>Runs `aws ARGS --endpoint-url ENDPOINT`.</summary>
    public Task<ChildResult> RunAsync(params string[] arguments) => RunInAsync(null, arguments);

    public Task<ChildResult> RunInAsync(string? workingDirectory, params string[] arguments) =>
        ChildProcess.RunAsync(Program, [.. arguments, "--endpoint-url", _endpoint.ToString().TrimEnd('/')], _environment,
            workingDirectory, TimeSpan.FromSeconds(120));

    /// <summary>An awscli that signs with other credentials (an IAM user's key, STS temporary credentials and their token).</summary>
    public AwsCli As(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        var other = new AwsCli(_endpoint);
        foreach (var (name, value) in _environment)
        {
            if (name is not ("HOME" or "AWS_CONFIG_FILE" or "AWS_SHARED_CREDENTIALS_FILE"))
            {
                other._environment[name] = value;
            }
        }

        other._environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        other._environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        other._environment["AWS_SESSION_TOKEN"] = sessionToken;
        return other;
    }

    /// <summary>Runs and asserts exit code 0, showing everything the command printed when it is not.</summary>
    public async Task<ChildResult> SucceedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>
    /// The exit code awscli gives when the service answered an error: 254 in awscli v2, 255 in v1
    /// ("Command line return codes in the AWS CLI").
    /// </summary>
    public static async Task<int> ServiceErrorExitCodeAsync()
    {
        var version = await ChildProcess.RunAsync(Program, ["--version"], new Dictionary<string, string?>());
        return (version.StandardOutput + version.StandardError).StartsWith("aws-cli/1.", StringComparison.Ordinal) ? 255 : 254;
    }

    public void Dispose() => _home.Dispose();
}
