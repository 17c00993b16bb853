using System.Runtime.InteropServices;

namespace Nuage.Testing;

/// <summary>
/// SIGTERM for graceful-stop tests: Process.Kill only sends SIGKILL, so the one libc call it lacks is bound here.
/// </summary>
public static partial class UnixSignals
{
    public const int SigTerm = 15;
    public const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>A crash: the process gets no chance to run anything (PostgresCluster.KillAsync).</summary>
    public const int SigKill = 9;

    /// <summary>Freezes a process, so that it cannot start children while its family is being listed.</summary>
    public const int SigStop = 19;
}
