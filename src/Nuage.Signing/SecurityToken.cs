using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Nuage.Iam;

namespace Nuage.Signing;

/// <summary>
/// The session token of temporary credentials ("Using temporary security credentials": the token goes in
/// x-amz-security-token, or X-Amz-Security-Token of a presigned URL). A request signed with such a credential must
/// carry the credential's token. The header is signed like every x-amz-* header (SigV4 refuses it unsigned, SigV2
/// signs all of them) and SigV4's query parameter is part of the signed query; only SigV2's presigned query leaves
/// it unsigned, which gives nothing away since it must still be the credential's own. A token sent with a long-term
/// key is ignored, as it always has been.
/// </summary>
internal static class SecurityToken
{
    public const string HeaderName = "x-amz-security-token";
    public const string QueryName = "X-Amz-Security-Token";

    /// <summary>The token the request carries, for the credential look-up (a temporary key exists only in its token); null when none or several.</summary>
    public static string? Read(HttpRequest request, bool inQuery)
    {
        var sent = inQuery ? request.Query[QueryName] : request.Headers[HeaderName];
        return sent.Count == 1 ? sent[0] : null;
    }

    /// <param name="inQuery">True for presigned URLs, whose token is a query parameter (matched case-insensitively).</param>
    public static void Check(HttpRequest request, AccessKeyCredential credential, bool inQuery)
    {
        if (credential.SessionToken is not { } expected)
        {
            return;
        }

        var sent = inQuery ? request.Query[QueryName] : request.Headers[HeaderName];
        if (sent.Count == 0)
        {
            throw new SignatureException(
                SignatureErrorCode.MissingSecurityToken,
                $"The request is signed with temporary credentials and must carry their session token ({(inQuery ? QueryName : HeaderName)}).");
        }

        // Constant time, so that timing does not reveal how much of a guessed token is right.
        if (sent.Count != 1
            || !CryptographicOperations.FixedTimeEquals(
                MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(sent[0].AsSpan())))
        {
            throw new SignatureException(SignatureErrorCode.InvalidToken);
        }
    }
}
