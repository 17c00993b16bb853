using System.Net;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// A request body that sends its first <c>pauseAt</c> bytes, reports it, and sends the rest only once a gate
/// opens: a test knows the request is in flight on the server (it is reading the body) when it acts.
/// </summary>
public sealed class GatedContent(byte[] bytes, int pauseAt, Task gate) : HttpContent
{
    private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task HalfSent => _halfSent.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(bytes.AsMemory(0, pauseAt));
        await stream.FlushAsync();
        _halfSent.TrySetResult();
        await gate;
        await stream.WriteAsync(bytes.AsMemory(pauseAt));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
