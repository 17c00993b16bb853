namespace Nuage.Regions.Federation;

/// <summary>A federation file that cannot be used, with every problem found in it, each naming where it is.</summary>
public sealed class FederationFileException : Exception
{
    public FederationFileException(string path, IReadOnlyList<string> problems)
        : base(Describe(path, problems))
    {
        Path = path;
        Problems = problems;
    }

    public FederationFileException()
    {
        Path = string.Empty;
        Problems = [];
    }

    public FederationFileException(string message)
        : base(message)
    {
        Path = string.Empty;
        Problems = [message];
    }

    public FederationFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problems = [message];
    }

    public string Path { get; }

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string path, IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? $"Federation file {path}: {problems[0]}"
            : $"Federation file {path} has {problems.Count} problems:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
}
