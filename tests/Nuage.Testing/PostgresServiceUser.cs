using Xunit.Sdk;

namespace Nuage.Testing;

/// <summary>
/// The unprivileged account a test cluster runs as when the tests run as root (as CI does). initdb and postgres
/// refuse to run as root ("cannot be run as root": a server compromised through SQL would own the machine), so
/// the cluster's directory is given to this system account and every server program is run through `setpriv`.
/// setpriv rather than runuser or su: it only changes the uid, gid and groups and then execs, with no PAM session
/// and no login shell, so it adds no process, no log line and no environment rewrite to each call.
/// When the tests do not run as root, the programs run as the current user and none of this is used.
/// </summary>
public static class PostgresServiceUser
{
    /// <summary>The account's name; a system user with no home and no login shell, created on first use.</summary>
    public const string Name = "nuage-pg";

    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static bool _exists;

    /// <summary>Whether the server programs must be run as <see cref="Name"/>.</summary>
    public static bool Needed => Environment.IsPrivilegedProcess;

    /// <summary>Creates the account unless it exists (useradd; another test process may be creating it too).</summary>
    public static async Task EnsureAsync()
    {
        await Creating.WaitAsync();
        try
        {
            for (var attempt = 0; !_exists; attempt++)
            {
                if ((await ChildProcess.RunAsync("getent", ["passwd", Name])).ExitCode == 0)
                {
                    _exists = true;
                    break;
                }

                var add = await ChildProcess.RunAsync(
                    "useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", Name]);
                // useradd exits 9 when the name was taken meanwhile (another test process won the race) and 10 when
                // it could not lock /etc/passwd for the same reason; the next round sees the account.
                if (add.ExitCode is not (0 or 9 or 10) || attempt == 20)
                {
                    add.AssertSuccess();
                    throw new XunitException($"`{add.Command}` could not create the account {Name}:\n{add.Output}");
                }

                if (add.ExitCode == 10)
                {
                    await Task.Delay(50);
                }
            }
        }
        finally
        {
            Creating.Release();
        }
    }

    /// <summary>Gives <paramref name="path"/> (and what is under it) to the account.</summary>
    public static async Task GiveAsync(string path) =>
        (await ChildProcess.RunAsync("chown", ["-R", $"{Name}:{Name}", path])).AssertSuccess();

    /// <summary>
    /// The command line that runs <paramref name="program"/> as the account when <see cref="Needed"/>, else as is:
    /// (file name, arguments) for <see cref="ChildProcess.RunAsync"/>.
    /// </summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Command(string program, IEnumerable<string> arguments)
    {
        if (!Needed)
        {
            return (program, arguments.ToList());
        }

        return ("setpriv", [$"--reuid={Name}", $"--regid={Name}", "--init-groups", "--", program, .. arguments]);
    }
}
