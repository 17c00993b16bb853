namespace Nuage.Testing;

/// <summary>Where the repository and the built server are, found from the test binaries' location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The nuage program built by the same configuration as the tests (dotnet test builds the whole solution).</summary>
    public static string ServerDll
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var path = Path.Combine(Root, "src", "Nuage.Host", "bin", configuration, "net10.0", "nuage.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The server is not built at {path}; run the README's test command.");
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nuage.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Nuage.slnx not found above the test binaries.");
    }
}
