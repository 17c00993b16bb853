using Nuage.S3.Errors;
using Nuage.Signing;

namespace Nuage.S3.Post;

/// <summary>
/// The file part of a POST form on its way into storage: enforces the policy's content-length-range while it
/// streams (EntityTooLarge as soon as the maximum is passed, EntityTooSmall at the end), so a refused file is never
/// committed, and turns a truncated multipart body into MalformedPOSTRequest.
/// </summary>
public sealed class PostFileStream(Stream inner, long? minLength, long? maxLength) : ForwardReadStream
{
    public long BytesRead { get; private set; }

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return Count(inner.Read(buffer, offset, count));
        }
        catch (InvalidDataException)
        {
            throw PostForm.Malformed();
        }
        catch (IOException e) when (PostForm.IsTruncated(e))
        {
            throw PostForm.Malformed();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken));
        }
        catch (InvalidDataException)
        {
            throw PostForm.Malformed();
        }
        catch (IOException e) when (PostForm.IsTruncated(e))
        {
            throw PostForm.Malformed();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        BytesRead += n;
        if (BytesRead > maxLength)
        {
            throw new S3Exception(S3Error.EntityTooLarge);
        }

        if (n == 0 && BytesRead < minLength)
        {
            throw new S3Exception(S3Error.EntityTooSmall);
        }

        return n;
    }
}
