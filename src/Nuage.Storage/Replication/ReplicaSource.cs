using Nuage.Storage.Objects;

namespace Nuage.Storage.Replication;

/// <summary>
/// A source version opened for its push: what crosses besides the bytes, and the bytes themselves (plaintext, read
/// from the blob as a GET would, never whole in memory), null for a delete marker.
/// </summary>
public sealed class ReplicaSource(ReplicaVersion version, ObjectContent? content, ReplicaTerms? sealedAs = null, long? bodyLength = null) : IAsyncDisposable
{
    /// <summary>
    /// An SSE-C version: the server never holds the customer's key, so <see cref="Content"/> is its ciphertext as
    /// stored (<see cref="BodyLength"/> bytes), and these terms carry its envelope and the ids its blob keys derive from (docs/replication.md).
    /// </summary>
    public ReplicaTerms? SealedAs { get; } = sealedAs;

    /// <summary>The bytes the push sends: the version's size, or for an SSE-C version the size of its ciphertext.</summary>
    public long BodyLength { get; } = bodyLength ?? version.Size;

    public ReplicaVersion Version { get; } = version;

    public ObjectContent? Content { get; } = content;

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}
