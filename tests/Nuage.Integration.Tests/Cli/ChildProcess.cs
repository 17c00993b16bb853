using System.Diagnostics;
using System.Text;

namespace Nuage.Integration.Tests.Cli;

/// <summary>Runs a program (aws, python3, curl) to completion with a controlled environment and a time limit.</summary>
public static class ChildProcess
{
    /// <summary>The Debian binary when it is installed (what CI installs), else the one on PATH.</summary>
    public static string Find(string debianPath, string fallback) => File.Exists(debianPath) ? debianPath : fallback;

    public static async Task<ChildResult> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment,
        string? workingDirectory = null, TimeSpan? timeout = null, bool clearAwsEnvironment = true)
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

        if (clearAwsEnvironment)
        {
            // Nothing from the machine may leak in: profiles, endpoints, proxies, session tokens.
            foreach (var name in start.Environment.Keys.ToList())
            {
                if (name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
                    || name.StartsWith("BOTO_", StringComparison.OrdinalIgnoreCase)
                    || name.EndsWith("_proxy", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("PYTHONPATH", StringComparison.Ordinal)
                    || name.Equals("PYTHONHOME", StringComparison.Ordinal))
                {
                    start.Environment.Remove(name);
                }
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var command = fileName + " " + string.Join(' ', start.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.Start();
        process.StandardInput.Close();
        var readOut = PumpAsync(process.StandardOutput, stdout);
        var readErr = PumpAsync(process.StandardError, stderr);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(readOut, readErr);
            throw new TimeoutException($"{command} did not finish within {timeout ?? TimeSpan.FromSeconds(120)}:\n{stdout}\n{stderr}");
        }

        await Task.WhenAll(readOut, readErr);
        return new ChildResult(command, process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, n);
            }
        }
    }
}
