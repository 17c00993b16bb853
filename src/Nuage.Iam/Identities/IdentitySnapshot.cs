namespace Nuage.Iam.Identities;

/// <summary>
/// A published directory with its change number in this process: <see cref="Version"/> grows by one with every
/// committed change and starts again at 1 in each process, so it is only comparable under the same
/// <see cref="Epoch"/> (docs/regions.md, "Identities").
/// </summary>
public sealed record IdentitySnapshot(IdentityDirectory Directory, string Epoch, long Version)
{
    /// <summary>"EPOCH:VERSION": what a follower sends back to ask for anything newer.</summary>
    public string Generation => Epoch + ":" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
