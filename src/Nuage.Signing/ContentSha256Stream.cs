using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Nuage.Signing;

/// <summary>
/// Passes the body through while hashing it, and at its end compares the SHA-256 with the hex value the client
/// signed in x-amz-content-sha256: a mismatch throws XAmzContentSHA256Mismatch from the final read, so the storage
/// layer, which reads to the end before it commits, never commits a body that differs from the signed one.
/// </summary>
internal sealed class ContentSha256Stream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly byte[] _expected;
    private IncrementalHash? _hash;
    private bool _done;
    private SignatureException? _fault;

    public ContentSha256Stream(Stream inner, byte[] expected)
    {
        _inner = inner;
        _expected = expected;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        if (_done || buffer.IsEmpty)
        {
            return Done();
        }

        return Account(buffer, _inner.Read(buffer));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done || buffer.IsEmpty)
        {
            return Done();
        }

        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span, n);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash?.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Done() => _fault is null ? 0 : throw _fault;

    private int Account(Span<byte> buffer, int n)
    {
        if (n > 0)
        {
            // Created on first data, so bodiless requests (most GETs) never pay for a hash context.
            _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _hash.AppendData(buffer[..n]);
            return n;
        }

        _done = true;
        Span<byte> actual = stackalloc byte[32];
        if (_hash is null)
        {
            SHA256.HashData([], actual);
        }
        else
        {
            _hash.GetHashAndReset(actual);
        }

        if (!CryptographicOperations.FixedTimeEquals(actual, _expected))
        {
            _fault = new SignatureException(SignatureErrorCode.XAmzContentSHA256Mismatch)
            {
                Details =
                [
                    new("ClientComputedContentSHA256", Convert.ToHexStringLower(_expected)),
                    new("S3ComputedContentSHA256", Convert.ToHexStringLower(actual)),
                ],
            };
            throw _fault;
        }

        return 0;
    }
}
