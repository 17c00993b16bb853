using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Nuage.Testing;

/// <summary>
/// Runs the programs the tests drive (aws, python3, curl, rclone, s3cmd, node, npm) to completion, with a time
/// limit and, unless told otherwise, an environment cleaned of anything that would steer them elsewhere.
/// </summary>
public static class ChildProcess
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The Debian binary when it is installed (what CI installs), else the one on PATH.</summary>
    public static string Find(string debianPath, string fallback) => File.Exists(debianPath) ? debianPath : fallback;

    /// <summary>Fails with an install hint when <paramref name="command"/> is not on PATH (./test installs it).</summary>
    public static void Require(string command, string installHint)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var found = path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, command)));
        if (!found)
        {
            throw new XunitException($"`{command}` is not installed; {installHint}. The README's test command (./test) installs it.");
        }
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> with stdin closed; <paramref name="environment"/> is applied last, over the
    /// cleaned environment. A command that outlives <paramref name="timeout"/> (120 s unless given) is killed with
    /// its children and fails the test. <paramref name="isolate"/> false keeps the whole environment, for
    /// commands that reach the internet (npm ci).
    /// </summary>
    public static async Task<ChildResult> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null, bool isolate = true)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (isolate)
        {
            foreach (var name in start.Environment.Keys.Where(SteersElsewhere).ToList())
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var command = fileName + " " + string.Join(' ', start.ArgumentList.Select(Quote));
        var combined = new StringBuilder();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.Start();
        process.StandardInput.Close();
        var readOut = PumpAsync(process.StandardOutput, stdout, combined);
        var readErr = PumpAsync(process.StandardError, stderr, combined);
        var limit = timeout ?? DefaultTimeout;
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(readOut, readErr);
            throw new XunitException($"`{command}` did not finish within {limit.TotalSeconds:0} s and was killed:\n{combined}");
        }

        await Task.WhenAll(readOut, readErr);
        return new ChildResult(command, process.ExitCode, stdout.ToString(), stderr.ToString(), combined.ToString());
    }

    /// <summary>
    /// What would make a client talk to something other than the test server or read the machine's own
    /// settings: AWS_* and BOTO_* (profiles, endpoints, session tokens; AWS_CA_BUNDLE alone makes rclone's SDK
    /// refuse a plain-HTTP transport), RCLONE_*, NUAGE_*, proxies, and a Python path that could shadow boto3.
    /// </summary>
    private static bool SteersElsewhere(string name) =>
        name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("BOTO_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("RCLONE_", StringComparison.Ordinal)
        || name.StartsWith("NUAGE_", StringComparison.Ordinal)
        || name.EndsWith("_proxy", StringComparison.OrdinalIgnoreCase)
        || name.Equals("PYTHONPATH", StringComparison.Ordinal)
        || name.Equals("PYTHONHOME", StringComparison.Ordinal)
        || name.StartsWith("PG", StringComparison.Ordinal);

    /// <summary>
    /// Copies a stream as written into <paramref name="own"/>, and whole lines into <paramref name="combined"/>,
    /// so that stdout and stderr interleave there without splitting each other's lines.
    /// </summary>
    private static async Task PumpAsync(StreamReader reader, StringBuilder own, StringBuilder combined)
    {
        var buffer = new char[4096];
        var line = new StringBuilder();
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            own.Append(buffer, 0, n);
            for (var i = 0; i < n; i++)
            {
                line.Append(buffer[i]);
                if (buffer[i] == '\n')
                {
                    AppendLocked(combined, line);
                }
            }
        }

        if (line.Length > 0)
        {
            AppendLocked(combined, line.Append('\n'));
        }
    }

    private static void AppendLocked(StringBuilder combined, StringBuilder line)
    {
        lock (combined)
        {
            combined.Append(line);
        }

        line.Clear();
    }

    /// <summary>Shell quoting, so that the command line in a failure message can be pasted into a terminal.</summary>
    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
