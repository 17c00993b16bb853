using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Nuage.Signing;

/// <summary>
/// Caches kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") ("Signature
/// Calculations for the Authorization Header", Task 4) per access key, date, region and service: the chain costs
/// four HMACs and several allocations, while the key changes once a day per client.
/// </summary>
internal sealed class SigningKeyCache
{
    // A new day or a flood of regions only grows the cache; clearing it at this size keeps it bounded, and
    // rebuilding a key is cheap next to the requests that would need it.
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SigningKeyCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <param name="cacheKey">"accesskey/date/region/service", a slice of the credential, so a hit allocates nothing.</param>
    public byte[] Get(ReadOnlySpan<char> cacheKey, string secret, ReadOnlySpan<char> date, ReadOnlySpan<char> region, ReadOnlySpan<char> service)
    {
        // The secret is compared too: a rotated secret must never verify with a key derived from the old one.
        if (_lookup.TryGetValue(cacheKey, out var entry) && string.Equals(entry.Secret, secret, StringComparison.Ordinal))
        {
            return entry.Key;
        }

        var key = Derive(secret, date, region, service);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _lookup[cacheKey] = new Entry(secret, key);
        return key;
    }

    public static byte[] Derive(string secret, ReadOnlySpan<char> date, ReadOnlySpan<char> region, ReadOnlySpan<char> service)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(date.ToString()));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region.ToString()));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service.ToString()));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    private sealed record Entry(string Secret, byte[] Key);
}
