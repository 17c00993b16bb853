namespace Nuage.Metadata.Core;

using System.Globalization;
using System.Reflection;

/// <summary>
/// An engine's numbered migrations: the embedded resources Schema/NNN_name.sql of its assembly, by number. Both
/// engines number their scripts alike (docs/metadata-engines.md "One schema").
/// </summary>
public static class MigrationScripts
{
    public readonly record struct Script(int Version, string Resource);

    /// <summary>The scripts embedded in <paramref name="assembly"/>, lowest number first.</summary>
    public static IReadOnlyList<Script> Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = new List<Script>();
        foreach (string name in assembly.GetManifestResourceNames())
        {
            // Resource names look like "Nuage.Metadata.Sqlite.Schema.001_initial.sql".
            int at = name.IndexOf(".Schema.", StringComparison.Ordinal);
            if (at < 0 || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string file = name[(at + ".Schema.".Length)..];
            int underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore > 0 && int.TryParse(file.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                scripts.Add(new Script(version, name));
            }
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        return scripts;
    }

    /// <summary>The text of one script.</summary>
    public static string Read(Assembly assembly, Script script)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(script.Resource)
            ?? throw new InvalidOperationException("Missing embedded migration " + script.Resource);
        using var text = new StreamReader(stream);
        return text.ReadToEnd();
    }
}
