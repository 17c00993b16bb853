using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Nuage.Integration.Tests.Compat;

/// <summary>What a command printed (stdout and stderr interleaved as they arrived) and how it ended.</summary>
internal sealed record ToolResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>Fails the test with the command line and everything it printed unless it exited 0.</summary>
    public ToolResult AssertSuccess()
    {
        if (ExitCode != 0)
        {
            throw new XunitException($"`{CommandLine}` exited {ExitCode}:\n{Output}");
        }

        return this;
    }

    /// <summary>Fails the test, showing the command and its output, unless <paramref name="condition"/> holds.</summary>
    public void Assert(bool condition, string what)
    {
        if (!condition)
        {
            throw new XunitException($"`{CommandLine}`: {what}\n{Output}");
        }
    }
}

/// <summary>
/// Runs the command-line clients (rclone, s3cmd, npm, node) as child processes with an environment cleaned of
/// anything that would steer them elsewhere: AWS_* (AWS_CA_BUNDLE alone makes rclone's SDK refuse a plain-HTTP
/// transport), RCLONE_*, NUAGE_* and proxy variables. A command that outlives its timeout is killed with its
/// children. <c>isolate: false</c> keeps the whole environment, for commands that reach the internet (npm ci).
/// </summary>
internal static class ExternalTool
{
    private static readonly string[] ProxyVariables =
        ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"];

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

    public static async Task<ToolResult> RunAsync(
        string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null, bool isolate = true)
    {
        var start = new ProcessStartInfo(command)
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

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (isolate && (name.StartsWith("AWS_", StringComparison.Ordinal) || name.StartsWith("RCLONE_", StringComparison.Ordinal)
                || name.StartsWith("NUAGE_", StringComparison.Ordinal) || ProxyVariables.Contains(name)))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var commandLine = command + " " + string.Join(' ', start.ArgumentList.Select(Quote));
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new XunitException($"`{commandLine}` did not finish within {limit.TotalSeconds:0} s and was killed:\n{Snapshot(output)}");
        }

        // WaitForExitAsync returns once the output streams are drained too, so the text is complete here.
        return new ToolResult(commandLine, process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
