namespace Nuage.Regions.Federation;

/// <summary>
/// Whether this server belongs to a federation (<c>--federation</c>), and which: null config for a server that is a
/// region on its own, named by <c>--region</c>. One per process, registered by the host.
/// </summary>
public sealed class FederationMembership(FederationConfig? config, string localRegion)
{
    public FederationConfig? Config { get; } = config;

    /// <summary>This server's region name, federated or not.</summary>
    public string LocalRegion { get; } = localRegion;
}
