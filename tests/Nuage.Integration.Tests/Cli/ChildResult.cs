namespace Nuage.Integration.Tests.Cli;

/// <summary>What a finished child process left: exit code and everything it printed.</summary>
public sealed record ChildResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>A readable account for assertion messages.</summary>
    public override string ToString() =>
        $"$ {Command}\nexit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
