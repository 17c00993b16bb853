namespace Nuage.Architecture.Tests;

using System.Xml.Linq;

/// <summary>
/// The projects under a directory and what each compiles against, read from the .csproj files the way the .NET SDK
/// resolves them: a project sees its own project references and, unless it sets DisableTransitiveProjectReferences,
/// theirs in turn, except references their owner marked PrivateAssets="all". Frameworks are followed through every
/// reference (FrameworkReference flows to referencing projects), so a framework check errs on the strict side.
/// </summary>
internal sealed class ProjectGraph
{
    private readonly Dictionary<string, ProjectFile> _projects;

    private ProjectGraph(Dictionary<string, ProjectFile> projects)
    {
        _projects = projects;
    }

    public IEnumerable<string> Names => _projects.Keys;

    public static ProjectGraph Load(string directory)
    {
        var byPath = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(directory, "*.csproj", SearchOption.AllDirectories))
        {
            if (path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            byPath[Path.GetFullPath(path)] = ProjectFile.Read(path);
        }

        return new ProjectGraph(byPath.Values.ToDictionary(p => p.Name, StringComparer.Ordinal));
    }

    /// <summary>The projects whose types <paramref name="name"/> can name in its code.</summary>
    public IReadOnlySet<string> CompileReferences(string name)
    {
        var project = _projects[name];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in project.References)
        {
            seen.Add(reference.Name);
            if (!project.DisableTransitiveProjectReferences)
            {
                AddFlowing(reference.Name, seen);
            }
        }

        return seen;
    }

    /// <summary>Every project reachable from <paramref name="name"/> through any reference, and itself.</summary>
    public IReadOnlySet<string> Reachable(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { name };
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            foreach (var reference in _projects[next].References)
            {
                if (seen.Add(reference.Name))
                {
                    pending.Push(reference.Name);
                }
            }
        }

        return seen;
    }

    /// <summary>The shared frameworks <paramref name="name"/> compiles against, its own and those of every project it reaches.</summary>
    public IReadOnlySet<string> Frameworks(string name) =>
        Reachable(name).SelectMany(p => _projects[p].Frameworks).ToHashSet(StringComparer.Ordinal);

    private void AddFlowing(string name, HashSet<string> seen)
    {
        foreach (var reference in _projects[name].References)
        {
            if (!reference.Private && seen.Add(reference.Name))
            {
                AddFlowing(reference.Name, seen);
            }
        }
    }

    private sealed record Reference(string Name, bool Private);

    private sealed record ProjectFile(string Name, IReadOnlyList<Reference> References, IReadOnlyList<string> Frameworks, bool DisableTransitiveProjectReferences)
    {
        public static ProjectFile Read(string path)
        {
            var document = XDocument.Load(path);
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var references = document.Descendants("ProjectReference")
                .Select(r => new Reference(
                    Path.GetFileNameWithoutExtension(Path.GetFullPath(Path.Combine(directory, (string)r.Attribute("Include")!))),
                    string.Equals((string?)r.Attribute("PrivateAssets") ?? (string?)r.Element("PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var frameworks = document.Descendants("FrameworkReference").Select(f => (string)f.Attribute("Include")!).ToList();
            bool disable = document.Descendants("DisableTransitiveProjectReferences")
                .Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
            return new ProjectFile(Path.GetFileNameWithoutExtension(path), references, frameworks, disable);
        }
    }
}
