using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Nuage.Iam.Identities;

/// <summary>
/// The rules of IAM tags ("Tag" data type; "Tagging IAM resources", "Rules for tagging in IAM and AWS STS"; "IAM and
/// AWS STS quotas"): at most 50 per user or role; a key of 1 to 128 and a value of 0 to 256 Unicode letters, digits,
/// spaces and _.:/=+-@; keys that differ only in case are the same key (IAM refuses both in one request: "Tag keys
/// are case insensitive"; Nuage lets a later TagUser replace the tag, key case included); the "aws:" prefix is
/// AWS's. A request that breaks one changes nothing.
/// </summary>
public static partial class IamTags
{
    public const int MaxPerEntity = 50;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    /// <summary>Checks every tag of one request: syntax, the reserved prefix, no key twice.</summary>
    public static void Validate(IReadOnlyList<IamTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > MaxPerEntity)
        {
            throw TooMany();
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in tags)
        {
            ValidateKey(tag.Key);
            if (tag.Value.Length > MaxValueLength || !TagText().IsMatch(tag.Value))
            {
                throw new IamException(
                    IamErrorCode.InvalidInput,
                    $"The tag value for key {tag.Key} is invalid: it must be 0 to {MaxValueLength} letters, digits, spaces or _.:/=+-@.");
            }

            if (!seen.Add(tag.Key))
            {
                throw new IamException(IamErrorCode.InvalidInput, "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    public static void ValidateKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || !TagText().IsMatch(key))
        {
            throw new IamException(
                IamErrorCode.InvalidInput,
                $"The tag key '{key}' is invalid: it must be 1 to {MaxKeyLength} letters, digits, spaces or _.:/=+-@.");
        }

        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw new IamException(IamErrorCode.InvalidInput, $"The tag key '{key}' uses the prefix aws:, which is reserved for AWS use.");
        }
    }

    /// <summary>
    /// <paramref name="existing"/> with <paramref name="added"/> applied (TagUser, TagRole): a key already present, in
    /// any case, takes the new key and value in place; more than 50 tags in the end is LimitExceeded.
    /// </summary>
    public static ImmutableList<IamTag> Merge(ImmutableList<IamTag> existing, IReadOnlyList<IamTag> added)
    {
        ArgumentNullException.ThrowIfNull(existing);
        Validate(added);
        var merged = existing;
        foreach (var tag in added)
        {
            var index = merged.FindIndex(t => string.Equals(t.Key, tag.Key, StringComparison.OrdinalIgnoreCase));
            merged = index >= 0 ? merged.SetItem(index, tag) : merged.Add(tag);
        }

        return merged.Count > MaxPerEntity ? throw TooMany() : merged;
    }

    /// <summary><paramref name="existing"/> without the tags whose keys (in any case) are named; unknown keys are ignored, as in IAM.</summary>
    public static ImmutableList<IamTag> Remove(ImmutableList<IamTag> existing, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count > MaxPerEntity)
        {
            throw TooMany();
        }

        foreach (var key in keys)
        {
            ValidateKey(key);
        }

        var removed = new HashSet<string>(keys, StringComparer.OrdinalIgnoreCase);
        return existing.RemoveAll(t => removed.Contains(t.Key));
    }

    private static IamException TooMany() =>
        new(IamErrorCode.LimitExceeded, $"The number of tags has reached the maximum limit: a user or role has at most {MaxPerEntity} tags.");

    // The Tag data type's pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]*; the key's length of at least one is checked apart.
    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagText();
}
