using System.Security.Cryptography;
using System.Text;

namespace Nuage.Signing;

/// <summary>
/// The trailing headers of an aws-chunked body (x-amz-checksum-* after the final chunk, then, for signed bodies,
/// x-amz-trailer-signature): collected line by line, checked against x-amz-trailer, and for signed bodies hashed
/// over their canonical lines and verified against the chain ("Signature calculation: transfer payload in multiple
/// chunks", trailing headers).
/// </summary>
internal sealed class AwsChunkedTrailers(ChunkSignatureChain? chain, string[] declared) : IDisposable
{
    private const int MaxBytes = 16 * 1024;

    private readonly byte[] _providedSignature = new byte[32];
    private List<KeyValuePair<string, string>>? _values;
    private IncrementalHash? _hash;
    private bool _signatureSeen;
    private int _bytes;

    /// <summary>True while neither a trailer nor a trailer signature has been read.</summary>
    public bool IsEmpty => _values is null && !_signatureSeen;

    public string? Get(string name)
    {
        if (_values is null)
        {
            return null;
        }

        foreach (var (key, value) in _values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public void Add(Span<byte> line)
    {
        _bytes += line.Length + 2;
        if (_bytes > MaxBytes)
        {
            throw SignatureErrors.MalformedChunkedBody("trailing headers too large.");
        }

        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw SignatureErrors.MalformedChunkedBody("a trailing header is not of the form name:value.");
        }

        var name = line[..colon].Trim((byte)' ');
        var value = line[(colon + 1)..].Trim(" \t"u8);
        for (var i = 0; i < name.Length; i++)
        {
            name[i] = (byte)char.ToLowerInvariant((char)name[i]);
        }

        if (name.SequenceEqual("x-amz-trailer-signature"u8))
        {
            if (chain is null)
            {
                // An unsigned body cannot be signed at its end; the value means nothing and is dropped.
                return;
            }

            if (_signatureSeen || !Hex.TryDecode(value, _providedSignature))
            {
                throw SignatureErrors.MalformedChunkedBody("x-amz-trailer-signature must appear once with 64 hex digits.");
            }

            _signatureSeen = true;
            return;
        }

        if (_signatureSeen)
        {
            throw SignatureErrors.MalformedChunkedBody("trailing headers follow x-amz-trailer-signature.");
        }

        var nameText = Encoding.ASCII.GetString(name);
        if (declared.Length > 0 && !IsDeclared(nameText))
        {
            throw SignatureErrors.InvalidRequest($"The trailing header {nameText} was not declared in x-amz-trailer.");
        }

        (_values ??= []).Add(new(nameText, Encoding.UTF8.GetString(value)));
        if (chain is not null)
        {
            // The trailer is signed over its canonical lines "name:value\n" (lower-case name, trimmed value).
            _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _hash.AppendData(name);
            _hash.AppendData(":"u8);
            _hash.AppendData(value);
            _hash.AppendData("\n"u8);
        }
    }

    private bool IsDeclared(string name)
    {
        foreach (var declared in declared)
        {
            if (string.Equals(declared, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public void End()
    {
        if (chain is not null)
        {
            if (!_signatureSeen)
            {
                throw SignatureErrors.MalformedChunkedBody("the trailing headers must end with x-amz-trailer-signature.");
            }

            Span<byte> hash = stackalloc byte[32];
            if (_hash is null)
            {
                SHA256.HashData([], hash);
            }
            else
            {
                _hash.GetHashAndReset(hash);
            }

            if (!chain.VerifyTrailer(hash, _providedSignature))
            {
                throw SignatureErrors.ChunkSignatureMismatch("trailer");
            }
        }
    }

    /// <summary>Every trailer named in x-amz-trailer must have arrived.</summary>
    public void CheckDeclaredArrived()
    {
        foreach (var name in declared)
        {
            if (Get(name) is null)
            {
                throw SignatureErrors.InvalidRequest($"The trailing header {name} declared in x-amz-trailer was not sent.");
            }
        }
    }

    public void Dispose() => _hash?.Dispose();
}
