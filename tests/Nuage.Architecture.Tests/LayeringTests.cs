namespace Nuage.Architecture.Tests;

/// <summary>
/// The layering rules of docs/architecture.md held by the projects' references (STYLE.md §7 "let the compiler hold
/// the rules"): what a project cannot name, it cannot call.
/// </summary>
public sealed class LayeringTests
{
    private const string AspNetCore = "Microsoft.AspNetCore.App";

    /// <summary>
    /// Services still compiled against the ASP.NET Core framework, and why. Nuage.Regions: it signs calls to other
    /// regions with Nuage.Signing, which holds the HttpRequest-based verifier too; splitting the signer out would
    /// free it.
    /// </summary>
    private static readonly string[] ServicesOnAspNetCore = ["Nuage.Regions"];

    private static readonly ProjectGraph Source = ProjectGraph.Load(Path.Combine(RepositoryRoot(), "src"));

    [Fact]
    public void Every_project_under_src_has_a_layer()
    {
        var placed = Layers.All.ToHashSet(StringComparer.Ordinal);

        Assert.Equal([], Source.Names.Except(placed).Order(StringComparer.Ordinal));
        Assert.Equal([], placed.Except(Source.Names).Order(StringComparer.Ordinal));
        Assert.Equal(placed.Count, Layers.All.Count());
    }

    public static TheoryData<string> FrontDoorsAndTheirLibraries => [.. Layers.FrontDoors.Concat(Layers.FrontDoorLibraries)];

    [Theory]
    [MemberData(nameof(FrontDoorsAndTheirLibraries))]
    public void A_front_door_cannot_compile_against_a_store(string frontDoor)
    {
        Assert.Empty(Source.CompileReferences(frontDoor).Intersect(Layers.Stores));
    }

    /// <summary>
    /// Not even the contract: a front door talks to services, and a service that hands a row type to its callers
    /// gives them its own type instead (Nuage.Iot's <c>PolicyTargetKind</c> for the stored <c>IotPolicyTarget</c>).
    /// </summary>
    [Theory]
    [MemberData(nameof(FrontDoorsAndTheirLibraries))]
    public void A_front_door_cannot_compile_against_the_metadata_contract(string frontDoor)
    {
        Assert.Empty(Source.CompileReferences(frontDoor).Intersect(Layers.Contracts));
    }

    /// <summary>
    /// Services hold the metadata contract only, so the composition root can hand them any engine; the engine-neutral
    /// core (encodings, the listing walk) is for engines. Nuage.Storage does own the blob store it writes through.
    /// </summary>
    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_cannot_compile_against_a_metadata_engine(string service)
    {
        Assert.Empty(Source.CompileReferences(service).Intersect(MetadataEngines));
    }

    public static TheoryData<string> ServiceNames => [.. Layers.Services];

    private static readonly string[] MetadataEngines = [.. Layers.Stores.Where(p => p.StartsWith("Nuage.Metadata.", StringComparison.Ordinal))];

    [Fact]
    public void Services_stores_and_contracts_compile_against_extensions_abstractions_not_aspnetcore()
    {
        var onAspNetCore = Layers.Services.Concat(Layers.Contracts).Concat(Layers.Stores).Concat(Layers.CrossCutting)
            .Where(p => Source.Frameworks(p).Contains(AspNetCore))
            .Order(StringComparer.Ordinal);

        Assert.Equal(ServicesOnAspNetCore.Order(StringComparer.Ordinal), onAspNetCore);
    }

    [Theory]
    [MemberData(nameof(LowerLayers))]
    public void References_point_down(string project, string[] above)
    {
        Assert.Empty(Source.Reachable(project).Intersect(above));
    }

    public static TheoryData<string, string[]> LowerLayers()
    {
        string[] doors = [.. Layers.FrontDoors, .. Layers.Host];
        string[] services = [.. doors, .. Layers.Services];
        var data = new TheoryData<string, string[]>();
        foreach (var service in Layers.Services)
        {
            data.Add(service, doors);
        }

        // Nuage.Signing is left out: it asks Nuage.Iam for secrets, as a front door does.
        foreach (var lower in Layers.Contracts.Concat(Layers.Stores).Concat(Layers.CrossCutting))
        {
            data.Add(lower, services);
        }

        return data;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nuage.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Nuage.slnx not found above " + AppContext.BaseDirectory);
    }
}
