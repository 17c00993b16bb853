namespace Nuage.Architecture.Tests;

/// <summary>
/// The graph reads references as the SDK resolves them, so <see cref="LayeringTests"/> fails when a rule is broken:
/// checked here on small project trees written for the test.
/// </summary>
public sealed class ProjectGraphTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nuage-graph-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_reference_of_a_reference_is_compiled_against()
    {
        Write("Door", references: ["Service"]);
        Write("Service", references: ["Store"]);
        Write("Store");

        var graph = ProjectGraph.Load(_root);

        Assert.Equal(["Service", "Store"], graph.CompileReferences("Door").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DisableTransitiveProjectReferences_hides_the_references_of_references()
    {
        Write("Door", references: ["Service"], disableTransitive: true);
        Write("Service", references: ["Store"]);
        Write("Store");

        var graph = ProjectGraph.Load(_root);

        Assert.Equal(["Service"], graph.CompileReferences("Door"));
        Assert.Contains("Store", graph.Reachable("Door"));
    }

    [Fact]
    public void A_private_reference_does_not_flow_to_the_referencing_project()
    {
        Write("Door", references: ["Service"]);
        Write("Service", references: ["Store"], privateReferences: true);
        Write("Store");

        var graph = ProjectGraph.Load(_root);

        Assert.Equal(["Service"], graph.CompileReferences("Door"));
    }

    [Fact]
    public void A_framework_reference_reaches_every_project_above_it()
    {
        Write("Service", references: ["Telemetry"]);
        Write("Telemetry", framework: "Microsoft.AspNetCore.App");

        var graph = ProjectGraph.Load(_root);

        Assert.Contains("Microsoft.AspNetCore.App", graph.Frameworks("Service"));
    }

    private void Write(string name, string[]? references = null, bool disableTransitive = false, bool privateReferences = false, string? framework = null)
    {
        string directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        string items = string.Concat((references ?? []).Select(r =>
            $"<ProjectReference Include=\"../{r}/{r}.csproj\"{(privateReferences ? " PrivateAssets=\"all\"" : "")} />"));
        if (framework is not null)
        {
            items += $"<FrameworkReference Include=\"{framework}\" />";
        }

        string properties = disableTransitive ? "<PropertyGroup><DisableTransitiveProjectReferences>true</DisableTransitiveProjectReferences></PropertyGroup>" : "";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"<Project Sdk=\"Microsoft.NET.Sdk\">{properties}<ItemGroup>{items}</ItemGroup></Project>");
    }
}
