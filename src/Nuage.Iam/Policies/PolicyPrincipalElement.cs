namespace Nuage.Iam.Policies;

/// <summary>
/// A Principal or NotPrincipal element ("AWS JSON policy elements: Principal"): either "*" (everyone, anonymous
/// included) or a map of principal types to one or more identifiers.
/// </summary>
public sealed class PolicyPrincipalElement
{
    internal PolicyPrincipalElement(
        bool isEveryone,
        IReadOnlyList<string> aws,
        IReadOnlyList<string> service,
        IReadOnlyList<string> canonicalUser,
        IReadOnlyList<string> federated)
    {
        IsEveryone = isEveryone;
        Aws = aws;
        Service = service;
        CanonicalUser = canonicalUser;
        Federated = federated;
    }

    /// <summary>"Principal": "*" or {"AWS": "*"}.</summary>
    public bool IsEveryone { get; }

    /// <summary>Account ids, account root ARNs, user, role and assumed-role session ARNs.</summary>
    public IReadOnlyList<string> Aws { get; }

    /// <summary>Service principals ("ec2.amazonaws.com"); Nuage has no service principals yet, so they never match.</summary>
    public IReadOnlyList<string> Service { get; }

    /// <summary>S3 canonical user ids; Nuage identifies accounts by account id, so they never match.</summary>
    public IReadOnlyList<string> CanonicalUser { get; }

    /// <summary>Identity providers for web identity / SAML federation; never matched yet.</summary>
    public IReadOnlyList<string> Federated { get; }
}
