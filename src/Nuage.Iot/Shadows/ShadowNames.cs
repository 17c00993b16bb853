namespace Nuage.Iot.Shadows;

/// <summary>
/// The names a shadow is addressed by. AWS IoT's thing names are 1 to 128 of [a-zA-Z0-9:_-] ("CreateThing":
/// thingName pattern), shadow names 1 to 64 of the same characters ("Device Shadow service": named shadows). Neither
/// may hold '/', '+' or '#', so a valid name is always exactly one topic level and never a wildcard.
/// </summary>
public static class ShadowNames
{
    public const int MaxThingNameLength = 128;

    public const int MaxShadowNameLength = 64;

    /// <summary>The classic (unnamed) shadow's name in the store and in <see cref="ShadowAddress"/>.</summary>
    public const string Classic = "";

    public static bool IsValidThingName(string? name) => IsValid(name, MaxThingNameLength);

    public static bool IsValidShadowName(string? name) => IsValid(name, MaxShadowNameLength);

    private static bool IsValid(string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
