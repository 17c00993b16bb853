using System.Security.Cryptography;

namespace Nuage.Iam.Identities;

/// <summary>
/// New identifiers in AWS's shapes ("IAM identifiers", "Unique identifiers"): a four-letter prefix that says what
/// the id names (AIDA user, AGPA group, AROA role, ANPA policy, AKIA access key, ASIA temporary key) and random
/// upper-case letters and digits; 12-digit account ids; 40-character secrets.
/// </summary>
public static class IdentityIds
{
    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string UserId() => "AIDA" + Random(17);

    public static string GroupId() => "AGPA" + Random(17);

    public static string RoleId() => "AROA" + Random(17);

    public static string PolicyId() => "ANPA" + Random(17);

    public static string AccessKeyId() => "AKIA" + Random(16);

    public static string TemporaryAccessKeyId() => "ASIA" + Random(16);

    public static string Secret() => RandomNumberGenerator.GetString(SecretAlphabet, 40);

    /// <summary>A 12-digit account id that does not start with 0 (the operator's is 000000000000).</summary>
    public static string AccountId() =>
        RandomNumberGenerator.GetString("123456789", 1) + RandomNumberGenerator.GetString("0123456789", 11);

    private static string Random(int length) => RandomNumberGenerator.GetString(UpperAlphanumeric, length);
}
