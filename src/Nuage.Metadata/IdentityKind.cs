namespace Nuage.Metadata;

/// <summary>The kinds of IAM entity an account holds. Stored as numbers: never renumber.</summary>
public enum IdentityKind
{
    User = 1,
    Group = 2,
    Role = 3,
    ManagedPolicy = 4,
}
