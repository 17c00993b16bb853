using System.Buffers;
using System.Text;

namespace Nuage.Signing;

/// <summary>
/// A growable byte buffer rented from the shared pool, for building canonical requests and strings to sign without
/// allocating per request. Pass it by <c>ref</c>; dispose it to return the buffer.
/// </summary>
internal ref struct PooledByteWriter
{
    private byte[] _buffer;
    private int _length;

    public PooledByteWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Write(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Write(scoped ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Writes text as UTF-8 (ASCII text, the usual case, maps byte for byte).</summary>
    public void WriteUtf8(scoped ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length - _length < max)
        {
            Grow(max);
        }

        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>Writes bytes as lower-case hex, as SigV4 renders hashes and signatures.</summary>
    public void WriteHexLower(scoped ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length * 2)
        {
            Grow(bytes.Length * 2);
        }

        Hex.WriteLower(bytes, _buffer.AsSpan(_length));
        _length += bytes.Length * 2;
    }

    public readonly string ToUtf8String() => Encoding.UTF8.GetString(_buffer, 0, _length);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}
