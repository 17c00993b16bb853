namespace Nuage.Testing;

/// <summary>
/// Removes the PostgreSQL directories that earlier test processes left behind. A test process removes its own on exit
/// (AppDomain.ProcessExit), but the test runner may kill its test host, with the host's process tree, before exit
/// handlers run: each such run used to leave a cluster directory of some 70 MB in the temp folder. Directory names
/// are the prefix, the owning test process's pid, a dash; a directory is removed only once that process has ended.
/// </summary>
internal static class EndedTestProcessDirectories
{
    public static void Remove(string prefix)
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*"))
        {
            var owner = Path.GetFileName(directory)[prefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var pid) || !ProcessTable.HasEnded(pid))
            {
                continue;
            }

            StopOrphanedPostmaster(Path.Combine(directory, "data"));
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another test process is removing it at the same moment.
            }
        }
    }

    /// <summary>
    /// A postmaster outlives its test process when only the test host was killed. Its postmaster.pid names it (first
    /// line) and its data directory (second line); a pid reused by another process would not show that directory on
    /// its command line, so only the orphan is killed. Its backends exit on their own once it is gone.
    /// </summary>
    private static void StopOrphanedPostmaster(string dataDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        if (lines.Length < 2 || !int.TryParse(lines[0], out var postmaster) || ProcessTable.HasEnded(postmaster))
        {
            return;
        }

        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{postmaster}/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        if (commandLine.Contains(lines[1], StringComparison.Ordinal))
        {
            try
            {
                UnixSignals.Send(postmaster, UnixSignals.SigKill);
            }
            catch (InvalidOperationException)
            {
                // It ended between the check and the signal.
            }
        }
    }
}
