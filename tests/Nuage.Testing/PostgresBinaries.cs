using Xunit.Sdk;

namespace Nuage.Testing;

/// <summary>
/// Where PostgreSQL's server programs are: Debian's `postgresql` package puts initdb, pg_ctl, postgres, createdb
/// and psql in /usr/lib/postgresql/&lt;major&gt;/bin, off PATH (only postgresql-common's wrappers are on it), so
/// that directory is searched first, newest major first; else the directory of an initdb found on PATH.
/// </summary>
public sealed record PostgresBinaries(string Directory)
{
    /// <summary>Where Debian installs one directory per major version.</summary>
    public const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>What <see cref="Find"/> requires in one directory.</summary>
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres", "createdb", "psql"];

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public string CreateDb => Path.Combine(Directory, "createdb");

    public string Psql => Path.Combine(Directory, "psql");

    /// <summary>
    /// The newest complete set of server binaries, or a test failure naming the package to install. Issue 18: the
    /// PostgreSQL tests fail without PostgreSQL, they never pass by skipping, so this throws rather than returning
    /// nothing. <paramref name="debianRoot"/> and <paramref name="path"/> are parameters for the test of that message.
    /// </summary>
    public static PostgresBinaries Find(string debianRoot = DebianRoot, string? path = null)
    {
        var candidates = new List<string>();
        if (System.IO.Directory.Exists(debianRoot))
        {
            candidates.AddRange(System.IO.Directory.GetDirectories(debianRoot)
                .Select(major => (major, number: int.TryParse(Path.GetFileName(major), out var n) ? n : -1))
                .OrderByDescending(m => m.number)
                .Select(m => Path.Combine(m.major, "bin")));
        }

        // /usr/local/bin/initdb on this kind of machine is a symbolic link into the Debian directory: follow it to
        // the directory that also holds postgres (pg_ctl starts the postgres beside its own resolved path).
        foreach (var directory in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = new FileInfo(Path.Combine(directory, "initdb"));
            if (initdb.Exists)
            {
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
                candidates.Add(Path.GetDirectoryName(target)!);
            }
        }

        foreach (var candidate in candidates)
        {
            if (Required.All(name => File.Exists(Path.Combine(candidate, name))))
            {
                return new PostgresBinaries(candidate);
            }
        }

        throw new XunitException(
            $"PostgreSQL's server programs ({string.Join(", ", Required)}) were not found in {debianRoot}/<major>/bin "
            + "nor on PATH. Install the Debian package `postgresql` (apt-get install postgresql); the README's test "
            + "command (./test) installs it when it is missing. These tests fail rather than skip without it (issue 18).");
    }
}
