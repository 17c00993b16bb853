namespace Nuage.Iam.Acls;

/// <summary>Reads an enum back from the wire name its ToS3Name gives, so each name is written down once.</summary>
internal static class WireNames
{
    public static bool TryParse<TEnum>(string? name, Func<TEnum, string> toName, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(toName(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
