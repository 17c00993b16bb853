using System.Text.RegularExpressions;

namespace Nuage.Iam.Identities;

/// <summary>
/// Syntax of IAM names and paths ("IAM and AWS STS quotas, name requirements, and character limits"): names of
/// letters, digits and +=,.@_- (users and roles up to 64, groups and policies up to 128); paths "/" or
/// "/segment/.../" of printable ASCII up to 512 characters. A bad one is InvalidInput / ValidationError.
/// </summary>
public static partial class IamNames
{
    public static void ValidateName(string? name, string what, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength || !NameSyntax().IsMatch(name))
        {
            throw new IamException(
                IamErrorCode.ValidationError,
                $"The specified value for {what} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_- and be 1 to {maxLength} characters long.");
        }
    }

    public static string ValidatePath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        if (path.Length > 512 || !PathSyntax().IsMatch(path))
        {
            throw new IamException(
                IamErrorCode.ValidationError,
                "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
        }

        return path;
    }

    /// <summary>Account names: 3 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public static void ValidateAccountName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !AccountNameSyntax().IsMatch(name))
        {
            throw new IamException(
                IamErrorCode.InvalidInput,
                "An account name is 3 to 63 letters, digits, '.', '_' or '-', and starts with a letter or digit.");
        }
    }

    [GeneratedRegex(@"^[\w+=,.@-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameSyntax();

    [GeneratedRegex(@"^/([\x21-\x7E]+/)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathSyntax();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountNameSyntax();
}
