namespace Nuage.Regions.Federation;

/// <summary>
/// The federation as its file describes it, validated (<see cref="FederationFile"/>): every region, which one is
/// the control region (the owner of accounts, identities and the global bucket-name registry, DESIGN.md
/// "Regions"), and which one this process is.
/// </summary>
public sealed class FederationConfig
{
    internal FederationConfig(IReadOnlyList<FederationRegion> regions, FederationRegion control, FederationRegion local)
    {
        Regions = regions;
        Control = control;
        Local = local;
    }

    /// <summary>Every region, in the file's order.</summary>
    public IReadOnlyList<FederationRegion> Regions { get; }

    public FederationRegion Control { get; }

    /// <summary>The region this process serves (<c>--region</c>).</summary>
    public FederationRegion Local { get; }

    public bool IsControl => ReferenceEquals(Local, Control);

    public FederationRegion? Find(string name) => Regions.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
}
