namespace Nuage.Storage.Tests;

/// <summary>A body that yields <paramref name="before"/> bytes then throws, like a client that went away.</summary>
public sealed class ThrowingStream(byte[] data, int before) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= before)
        {
            throw new IOException("client went away");
        }

        int n = Math.Min(Math.Min(count, before - _position), 8192);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
