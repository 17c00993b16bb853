namespace Nuage.Storage.Commits;

using System.Security.Cryptography;

/// <summary>
/// Version ids of a versioning-enabled bucket: 32 characters of URL-safe base64 over 24 random bytes. Random, so
/// they cannot be guessed from one another (AWS only promises "unique" and opaque; "Working with versioning-enabled
/// buckets"); they never equal "null", which names the null version; and they need no escaping in a query string
/// or XML. Order between versions is kept by the store (newest first), not by the ids.
/// </summary>
internal static class VersionIds
{
    private const int RandomBytes = 24;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
