namespace Nuage.Storage.Replication;

/// <summary>
/// The next <c>length</c> bytes of a replica's body, read straight from it: one part of a multipart replica, so each
/// part is streamed into a blob of its own without the whole object (or a whole part) in memory. Ends after its length
/// even when the body goes on (the next part's bytes stay in the body for the next part's stream).
/// </summary>
internal sealed class PartBoundedStream(Stream body, long length) : Stream
{
    private long _read;

    private long Left => length - _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Left == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        int read = body.Read(buffer[..(int)Math.Min(buffer.Length, Left)]);
        _read += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Left == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        int read = await body.ReadAsync(buffer[..(int)Math.Min(buffer.Length, Left)], cancellationToken).ConfigureAwait(false);
        _read += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
