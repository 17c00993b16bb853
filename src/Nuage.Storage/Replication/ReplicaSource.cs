using Nuage.Storage.Objects;

namespace Nuage.Storage.Replication;

/// <summary>
/// A source version opened for its push: what crosses besides the bytes, and the bytes themselves (plaintext, read
/// from the blob as a GET would, never whole in memory), null for a delete marker.
/// </summary>
public sealed class ReplicaSource(ReplicaVersion version, ObjectContent? content) : IAsyncDisposable
{
    public ReplicaVersion Version { get; } = version;

    public ObjectContent? Content { get; } = content;

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}
