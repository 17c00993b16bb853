namespace Nuage.Host.AdminCli;

/// <summary>Why `nuage admin` stops, with the exit code scripts test: 1 the server refused, 2 usage, 3 unreachable.</summary>
public sealed class AdminCliException : Exception
{
    public const int Refused = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;

    public AdminCliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public AdminCliException()
        : this(Usage, "Invalid usage.")
    {
    }

    public AdminCliException(string message)
        : this(Usage, message)
    {
    }

    public AdminCliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = Usage;
    }

    public int ExitCode { get; }
}
