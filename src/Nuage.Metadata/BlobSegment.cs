namespace Nuage.Metadata;

/// <summary>
/// One blob of a manifest and its length in bytes (the blob's whole payload). <paramref name="KeyBlobId"/> is set
/// only on the blobs of an SSE-C replica: an encrypted blob's key derives from the version's data key and a blob id
/// (docs/encryption.md), and an SSE-C version's data key is wrapped under the customer's key, which no server holds,
/// so its replica keeps the ids its source's blob keys derive from while its own blobs get new ids (a blob store
/// cannot hold one id twice, and a region may hold several replicas of one version). Null means the blob's own id.
/// </summary>
public readonly record struct BlobSegment(Guid BlobId, long Length, Guid? KeyBlobId = null)
{
    /// <summary>The id this blob's encryption key derives from (derived, so not part of a push's JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid KeyDerivationId => KeyBlobId ?? BlobId;
}
