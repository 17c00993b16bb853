namespace Nuage.Iam.Identities;

/// <summary>What the operator sets on an account: a contact address, a storage quota, the account-level Block Public Access.</summary>
public sealed record AccountSettings
{
    public string? Email { get; init; }

    /// <summary>Bytes the account may store; null for no limit.</summary>
    public long? QuotaBytes { get; init; }

    /// <summary>The account's PublicAccessBlockConfiguration as JSON (Nuage.Iam.Acls), or null when never set.</summary>
    public string? PublicAccessBlock { get; init; }

    public static readonly AccountSettings Empty = new();
}
