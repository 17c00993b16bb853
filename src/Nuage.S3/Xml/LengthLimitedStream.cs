using Nuage.S3.Errors;
using Nuage.Signing;

namespace Nuage.S3.Xml;

/// <summary>Passes reads through until a byte budget is spent, then fails with MaxMessageLengthExceeded.</summary>
public sealed class LengthLimitedStream(Stream inner, long maxBytes) : ForwardReadStream
{
    public long BytesRead { get; private set; }

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        BytesRead += n;
        if (BytesRead > maxBytes)
        {
            throw new S3Exception(S3Error.MaxMessageLengthExceeded);
        }

        return n;
    }

}
