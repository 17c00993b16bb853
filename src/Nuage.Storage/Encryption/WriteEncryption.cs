namespace Nuage.Storage.Encryption;

using Nuage.Blobs;

/// <summary>The envelope a write stores with its version and the data key its bytes are encrypted under.</summary>
internal sealed class WriteEncryption(byte[] envelope, ObjectDataKey key) : IDisposable
{
    public byte[] Envelope { get; } = envelope;

    public ObjectDataKey Key { get; } = key;

    /// <summary>The blob store as this write sees it: every new blob encrypted under <see cref="Key"/>.</summary>
    public IBlobStore Blobs(IBlobStore inner) => new EncryptingBlobStore(inner, Key);

    public void Dispose() => Key.Dispose();
}
