using Nuage.Storage.Objects;

namespace Nuage.Regions.Tests;

/// <summary>
/// A version's bytes held in memory, for a push whose source store is not under test. Only the bytes are read by a
/// push (the version's description travels apart), so <see cref="Info"/> is not available.
/// </summary>
internal sealed class InMemoryObjectContent(byte[] bytes) : ObjectContent
{
    public override ObjectInfo Info => throw new NotSupportedException("A push reads only the bytes.");

    public override Task CopyToAsync(Stream destination, long offset, long length, CancellationToken cancellationToken) =>
        destination.WriteAsync(bytes.AsMemory((int)offset, (int)length), cancellationToken).AsTask();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
