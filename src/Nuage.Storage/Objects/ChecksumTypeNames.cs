namespace Nuage.Storage.Objects;

/// <summary>The checksum type names as S3 spells them (x-amz-checksum-type, ChecksumType elements).</summary>
public static class ChecksumTypeNames
{
    public static string Name(ChecksumType type) => type switch
    {
        ChecksumType.Composite => "COMPOSITE",
        ChecksumType.FullObject => "FULL_OBJECT",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Case-insensitive parse of a client-supplied name.</summary>
    public static bool TryParse(string? name, out ChecksumType type)
    {
        foreach (var candidate in Enum.GetValues<ChecksumType>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
