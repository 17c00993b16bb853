using Nuage.Iam.Secrets;

namespace Nuage.Iam.Federation;

/// <summary>
/// The key access key secrets travel under in the identity feed, derived from the operator root secret that every
/// region of a federation is started with (docs/regions.md, "Identities"). Registered only in a federation.
/// </summary>
public sealed class IdentityFeedSealer(SecretSealer sealer) : IDisposable
{
    public SecretSealer Sealer => sealer;

    public static IdentityFeedSealer FromRootSecret(string rootSecret) =>
        new(SecretSealer.FromSharedSecret(rootSecret, Identities.IdentityFeedDocument.SealingPurpose));

    public void Dispose() => sealer.Dispose();
}
