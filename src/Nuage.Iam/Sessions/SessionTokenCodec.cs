using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Nuage.Iam.Secrets;

namespace Nuage.Iam.Sessions;

/// <summary>
/// Session tokens: the claims as JSON, sealed with AES-256-GCM under a key derived from identity.key for this one
/// purpose, with the temporary access key id as associated data (a token only opens for its own key), base64url.
/// Whoever lacks the key can neither read a token nor make one; a changed byte fails the GCM tag. Tests of expiry
/// mint tokens with the server's own identity.key through <see cref="Seal"/> (docs/iam-sts.md).
/// </summary>
public sealed class SessionTokenCodec : IDisposable
{
    /// <summary>Distinguishes tokens from other things that may one day be sealed, and their format version.</summary>
    private const string Prefix = "NUAGE1.";
    private const string Purpose = "nuage sts session token v1";

    private readonly SecretSealer _sealer;

    public SessionTokenCodec(SecretSealer identityKey)
    {
        ArgumentNullException.ThrowIfNull(identityKey);
        _sealer = identityKey.Derive(Purpose);
    }

    public string Seal(SessionClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var sealedBytes = _sealer.Seal(claims.AccessKeyId, JsonSerializer.Serialize(claims));
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The claims of <paramref name="token"/> when it is a genuine token of <paramref name="accessKeyId"/>; else null.</summary>
    public SessionClaims? TryOpen(string accessKeyId, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 16 * 1024)
        {
            return null;
        }

        try
        {
            var sealedBytes = Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length));
            var claims = JsonSerializer.Deserialize<SessionClaims>(_sealer.Open(accessKeyId, sealedBytes));
            return claims is { Version: 1 } && claims.AccessKeyId == accessKeyId ? claims : null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _sealer.Dispose();
}
