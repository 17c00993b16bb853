using Nuage.Storage.Encryption;

namespace Nuage.Storage.Replication;

/// <summary>
/// What the source's rule asks of a replica besides the version itself (docs/replication.md): how the destination
/// encrypts it (the source's kind of server-side encryption, null for none; for SSE-KMS the rule's
/// Destination/EncryptionConfiguration/ReplicaKmsKeyID, a key of the destination region), and for a destination
/// bucket of another account the rule's Destination/Account, whether AccessControlTranslation gives the replica to
/// the destination's owner, and the configuration's Role, which the destination's bucket policy may name.
/// An SSE-C version travels as stored (ciphertext), with its envelope (<see cref="CustomerEnvelope"/>, the data key
/// wrapped under the customer's key, which no server holds) and its blobs' ids and plaintext lengths
/// (<see cref="CustomerSegments"/>, empty for a body kept inline), from which its blob keys derive.
/// </summary>
public sealed record ReplicaTerms(
    ServerSideEncryption? Encryption = null,
    string? ReplicaKmsKeyId = null,
    string? DestinationAccount = null,
    bool OwnerTranslation = false,
    string? Role = null,
    byte[]? CustomerEnvelope = null,
    IReadOnlyList<Nuage.Metadata.BlobSegment>? CustomerSegments = null);
