namespace Nuage.Storage.Buckets;

using System.Net;

/// <summary>AWS "General purpose bucket naming rules".</summary>
public static class BucketNameRules
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];

    /// <summary>Null when valid, else why not.</summary>
    public static string? Check(string? name)
    {
        if (name is null || name.Length < 3 || name.Length > 63)
        {
            return "Bucket names must be between 3 and 63 characters long.";
        }

        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.'))
            {
                return "Bucket names can consist only of lowercase letters, numbers, dots and hyphens.";
            }
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return "Bucket names must begin and end with a letter or number.";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "Bucket names must not contain two adjacent periods.";
        }

        if (IsIpAddress(name))
        {
            return "Bucket names must not be formatted as an IP address.";
        }

        foreach (string prefix in ReservedPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"Bucket names must not start with the prefix '{prefix}'.";
            }
        }

        foreach (string suffix in ReservedSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return $"Bucket names must not end with the suffix '{suffix}'.";
            }
        }

        return null;
    }

    private static bool IsIpAddress(string name)
    {
        // Only the dotted-quad form can be spelled with the allowed characters.
        var parts = name.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (string part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return IPAddress.TryParse(name, out _);
    }
}
