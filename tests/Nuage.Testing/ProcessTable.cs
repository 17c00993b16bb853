namespace Nuage.Testing;

/// <summary>
/// What /proc says about other processes, for tests that kill a server's whole process family (a crash), where
/// System.Diagnostics.Process only knows the processes this one started.
/// </summary>
public static class ProcessTable
{
    /// <summary>The processes whose parent is <paramref name="parentPid"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentPid)
    {
        var children = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && ReadStat(pid) is { } stat && stat.ParentPid == parentPid)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    /// <summary>
    /// Whether <paramref name="pid"/> has ended: gone, or a zombie. A zombie has released its memory, files and
    /// sockets; on a machine whose init does not reap orphans (this one's does not) it stays a zombie for good.
    /// </summary>
    public static bool HasEnded(int pid) => ReadStat(pid) is not { } stat || stat.State is 'Z' or 'X';

    /// <summary>Waits until every one of <paramref name="pids"/> has ended, checking every few milliseconds.</summary>
    public static async Task WaitEndedAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var waiting = pids.ToList();
        while (waiting.RemoveAll(HasEnded) >= 0 && waiting.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"processes {string.Join(", ", waiting)} did not end within {timeout.TotalSeconds:0} s");
            }

            // SIGKILL takes effect within milliseconds; /proc offers no event to wait on for a non-child process.
            await Task.Delay(5);
        }
    }

    /// <summary>State and parent from /proc/PID/stat ("pid (comm) S ppid ..."; comm may hold spaces and parentheses).</summary>
    private static (char State, int ParentPid)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var afterName = text.LastIndexOf(')');
        var fields = text[(afterName + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
