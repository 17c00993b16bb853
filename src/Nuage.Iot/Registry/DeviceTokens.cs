using System.Security.Cryptography;
using System.Text;

namespace Nuage.Iot.Registry;

/// <summary>
/// Device credentials: a public id, sent as the MQTT user name, and a secret token, sent as the password.
/// </summary>
/// <remarks>
/// The id is "dev_" and 32 lower-case hex digits. Access key ids are "AKIA"/"ASIA" and upper-case letters and digits
/// (IdentityIds, AWS "IAM identifiers"), so no access key Nuage issues can have this shape: a lower-case letter or an
/// underscore never occurs in one. The broker can then tell from the user name alone which directory to ask, and learn
/// the account of a CONNECT before its secret is checked (the client id is rewritten to ACCOUNT:ID as CONNECT arrives,
/// docs/iot.md "Isolation"). Only an operator who set NUAGE_ROOT_ACCESS_KEY to exactly this shape would be shadowed.
///
/// The token is 32 random bytes (256 bits) in base64url; the registry keeps only its SHA-256. A fast hash is enough
/// because the token is random, not chosen by a person: there is no dictionary to try, and 2^256 guesses stay out of
/// reach whatever the hash costs. The comparison is in constant time.
/// </remarks>
public static class DeviceTokens
{
    public const string CredentialIdPrefix = "dev_";

    private const int IdHexDigits = 32;

    public static string NewCredentialId() => CredentialIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdHexDigits / 2));

    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when <paramref name="userName"/> has the shape of a device credential id.</summary>
    public static bool IsCredentialId(string? userName) =>
        userName is { Length: 4 + IdHexDigits }
        && userName.StartsWith(CredentialIdPrefix, StringComparison.Ordinal)
        && userName.AsSpan(CredentialIdPrefix.Length).ContainsAnyExcept("0123456789abcdef") is false;

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether the password's hash is <paramref name="tokenHash"/>, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> password, byte[] tokenHash) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(password), tokenHash);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
