namespace Nuage.Iam.Identities;

/// <summary>
/// An IAM entity's key: names are unique within an account and kind. IAM names are case-insensitive for
/// uniqueness ("IAM object quotas": "user names are not distinguished by case"), so the comparison ignores case.
/// </summary>
public readonly record struct EntityName(string AccountId, string Name) : IComparable<EntityName>
{
    public bool Equals(EntityName other) =>
        string.Equals(AccountId, other.AccountId, StringComparison.Ordinal) && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(AccountId, StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    public int CompareTo(EntityName other)
    {
        var byAccount = string.CompareOrdinal(AccountId, other.AccountId);
        return byAccount != 0 ? byAccount : string.Compare(Name, other.Name, StringComparison.OrdinalIgnoreCase);
    }

    public static bool operator <(EntityName left, EntityName right) => left.CompareTo(right) < 0;

    public static bool operator >(EntityName left, EntityName right) => left.CompareTo(right) > 0;

    public static bool operator <=(EntityName left, EntityName right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EntityName left, EntityName right) => left.CompareTo(right) >= 0;
}
