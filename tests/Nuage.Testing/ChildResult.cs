using Xunit.Sdk;

namespace Nuage.Testing;

/// <summary>
/// What a finished child process left: its exit code, stdout and stderr each as written, and
/// <see cref="Output"/>, both streams interleaved line by line as they arrived (what a person at a terminal saw).
/// </summary>
public sealed record ChildResult(string Command, int ExitCode, string StandardOutput, string StandardError, string Output)
{
    /// <summary>Fails the test with the command line and everything it printed unless it exited 0.</summary>
    public ChildResult AssertSuccess()
    {
        if (ExitCode != 0)
        {
            throw new XunitException($"`{Command}` exited {ExitCode}:\n{Output}");
        }

        return this;
    }

    /// <summary>Fails the test, showing the command and its output, unless <paramref name="condition"/> holds.</summary>
    public void Assert(bool condition, string what)
    {
        if (!condition)
        {
            throw new XunitException($"`{Command}`: {what}\n{Output}");
        }
    }

    /// <summary>A readable account for assertion messages.</summary>
    public override string ToString() =>
        $"$ {Command}\nexit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
