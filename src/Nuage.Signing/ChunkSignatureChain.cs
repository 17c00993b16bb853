using System.Security.Cryptography;
using System.Text;

namespace Nuage.Signing;

/// <summary>
/// Verifies the chained signatures of an aws-chunked body. Per "Transferring Payload in Multiple Chunks", chunk n
/// is signed over
///   "AWS4-HMAC-SHA256-PAYLOAD" \n date \n scope \n signature(n-1) \n sha256("") \n sha256(chunk data)
/// starting from the seed (the request's own signature), and per "Signature calculations for trailing headers" the
/// trailer over
///   "AWS4-HMAC-SHA256-TRAILER" \n date \n scope \n signature(last chunk) \n sha256(trailer lines "name:value\n").
/// The strings to sign are kept as templates whose variable parts are overwritten, so a chunk costs no allocation.
/// </summary>
internal sealed class ChunkSignatureChain
{
    private const int HexLength = 64;

    private readonly byte[] _signingKey;
    private readonly byte[] _chunkTemplate;
    private readonly byte[] _trailerTemplate;
    private readonly int _chunkPrefixLength;
    private readonly int _trailerPrefixLength;
    private readonly byte[] _previous = new byte[32];

    public ChunkSignatureChain(byte[] signingKey, string amzDate, ReadOnlySpan<char> scope, ReadOnlySpan<byte> seedSignature)
    {
        _signingKey = signingKey;
        seedSignature.CopyTo(_previous);

        var chunkPrefix = Encoding.ASCII.GetBytes("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope.ToString() + "\n");
        _chunkPrefixLength = chunkPrefix.Length;
        _chunkTemplate = new byte[chunkPrefix.Length + HexLength + 1 + HexLength + 1 + HexLength];
        chunkPrefix.CopyTo(_chunkTemplate, 0);
        _chunkTemplate[_chunkPrefixLength + HexLength] = (byte)'\n';
        Encoding.ASCII.GetBytes(SigV4Constants.EmptySha256Hex, _chunkTemplate.AsSpan(_chunkPrefixLength + HexLength + 1));
        _chunkTemplate[_chunkPrefixLength + HexLength + 1 + HexLength] = (byte)'\n';

        var trailerPrefix = Encoding.ASCII.GetBytes("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope.ToString() + "\n");
        _trailerPrefixLength = trailerPrefix.Length;
        _trailerTemplate = new byte[trailerPrefix.Length + HexLength + 1 + HexLength];
        trailerPrefix.CopyTo(_trailerTemplate, 0);
        _trailerTemplate[_trailerPrefixLength + HexLength] = (byte)'\n';
    }

    /// <summary>Checks the next chunk's signature in constant time and, when it matches, advances the chain.</summary>
    public bool VerifyChunk(ReadOnlySpan<byte> chunkSha256, ReadOnlySpan<byte> providedSignature)
    {
        var template = _chunkTemplate.AsSpan();
        Hex.WriteLower(_previous, template.Slice(_chunkPrefixLength, HexLength));
        Hex.WriteLower(chunkSha256, template.Slice(_chunkPrefixLength + HexLength + 1 + HexLength + 1, HexLength));
        return Advance(template, providedSignature);
    }

    public bool VerifyTrailer(ReadOnlySpan<byte> trailerSha256, ReadOnlySpan<byte> providedSignature)
    {
        var template = _trailerTemplate.AsSpan();
        Hex.WriteLower(_previous, template.Slice(_trailerPrefixLength, HexLength));
        Hex.WriteLower(trailerSha256, template.Slice(_trailerPrefixLength + HexLength + 1, HexLength));
        return Advance(template, providedSignature);
    }

    private bool Advance(ReadOnlySpan<byte> stringToSign, ReadOnlySpan<byte> providedSignature)
    {
        Span<byte> computed = stackalloc byte[32];
        HMACSHA256.HashData(_signingKey, stringToSign, computed);
        if (!CryptographicOperations.FixedTimeEquals(computed, providedSignature))
        {
            return false;
        }

        computed.CopyTo(_previous);
        return true;
    }
}
