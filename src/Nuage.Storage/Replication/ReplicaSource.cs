using Nuage.Storage.Objects;

namespace Nuage.Storage.Replication;

/// <summary>
/// A source version opened for its push: what crosses besides the bytes, and the bytes themselves (plaintext, read
/// from the blob as a GET would, never whole in memory), null for a delete marker.
/// </summary>
public sealed class ReplicaSource(ReplicaVersion version, ObjectContent? content, bool customerKeyEncrypted = false) : IAsyncDisposable
{
    /// <summary>
    /// An SSE-C version, left unopened: the server never holds the customer's key, so it cannot read the plaintext
    /// (<see cref="Content"/> is null).
    /// </summary>
    public bool CustomerKeyEncrypted { get; } = customerKeyEncrypted;

    public ReplicaVersion Version { get; } = version;

    public ObjectContent? Content { get; } = content;

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}
