using Nuage.Testing;
using Xunit.Sdk;

namespace Nuage.Metadata.Postgres.Tests;

/// <summary>Finding PostgreSQL's programs, and failing (never skipping) with the package's name when they are absent.</summary>
public sealed class PostgresBinariesTests
{
    [Fact]
    public void Missing_binaries_fail_with_the_package_to_install()
    {
        using var empty = new TempDirectory();
        var missing = Assert.Throws<XunitException>(() => PostgresBinaries.Find(debianRoot: empty.Path, path: empty.Path));
        Assert.Contains("`postgresql`", missing.Message, StringComparison.Ordinal);
        Assert.Contains("./test", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installed_binaries_are_found_in_one_directory()
    {
        var found = PostgresBinaries.Find();
        Assert.All(new[] { found.InitDb, found.PgCtl, found.CreateDb, found.Psql, Path.Combine(found.Directory, "postgres") },
            program => Assert.True(File.Exists(program), program));
    }

    [Fact]
    public void An_initdb_on_path_is_followed_to_its_own_directory()
    {
        // A directory on PATH holding only a symbolic link to initdb (as /usr/local/bin does on the development
        // machines) leads to the directory that holds the rest.
        var real = PostgresBinaries.Find();
        using var empty = new TempDirectory();
        using var onPath = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(onPath.Path, "initdb"), real.InitDb);
        Assert.Equal(real.Directory, PostgresBinaries.Find(debianRoot: empty.Path, path: onPath.Path).Directory);
    }
}
